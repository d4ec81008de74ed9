import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { alertRouteInputSchema, type AlertRouteInput } from '@chatvault/contracts';
import { ARCHIVE_STORE, type AlertRouteRecord, type ArchiveStore } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Visibilities } from '../auth/visibilities';
import { actorOf } from '../auth/actor';
import { parseQuery } from '../http/parse-query';

const versionSchema = z.object({ expectedVersion: z.number().int().positive() });
const listQuerySchema = z.object({ corpId: z.string().min(1).optional() });

/**
 * Who hears of which alerts besides the employee's managers: a department's compliance officers,
 * recipients per policy, category or severity. Recipients and departments must be known to the
 * directory, so a typo is refused at save instead of silencing alerts. Admins edit; readers and
 * reviewers read the routes of their scope.
 */
@Controller('api/v1/alert-routes')
export class AlertRoutesController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly visibilities: Visibilities,
  ) {}

  /** A scoped key gets the routes that could route its employees' alerts. */
  @Get()
  @Roles('reader')
  async list(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(listQuerySchema, rawQuery);
    const visibility = await this.visibilities.of(request.principal);
    return { items: (await this.store.routing.listRoutes(corpId)).filter((route) => visibility.seesRoute(route)).map(toRouteView) };
  }

  /** A route out of the key's scope is answered like an unknown one. */
  @Get(':id')
  @Roles('reader')
  async get(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    const route = await this.store.routing.findRoute(id);
    if (!route || !(await this.visibilities.of(request.principal)).seesRoute(route)) throw notFound(id);
    return toRouteView(route);
  }

  @Post()
  async create(@Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const input = await this.validated(body);
    return toRouteView(await this.store.routing.saveRoute({ ...input, id: randomUUID(), version: 0, updatedAt: Date.now(), updatedBy: actorOf(request.principal) }, 0));
  }

  @Put(':id')
  async replace(@Param('id') id: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const { expectedVersion } = parseQuery(versionSchema, body);
    await this.existing(id);
    const { expectedVersion: _version, ...rest } = body as Record<string, unknown>;
    const input = await this.validated(rest);
    return toRouteView(await this.store.routing.saveRoute({ ...input, id, version: expectedVersion, updatedAt: Date.now(), updatedBy: actorOf(request.principal) }, expectedVersion));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.store.routing.deleteRoute(id))) throw notFound(id);
  }

  private async validated(body: unknown): Promise<AlertRouteInput> {
    const input = parseQuery(alertRouteInputSchema, body);
    const known = new Set((await this.store.directory.findEmployees(input.corpId, input.recipients)).map((e) => e.userid));
    const unknown = input.recipients.findIndex((userid) => !known.has(userid));
    if (unknown >= 0) throw new DomainError('invalid_request', `recipients.${unknown}: the directory of ${input.corpId} has no employee ${input.recipients[unknown]}`);
    for (const [index, id] of (input.match.departmentIds ?? []).entries()) {
      if (!(await this.store.directory.findDepartment(input.corpId, id))) throw new DomainError('invalid_request', `match.departmentIds.${index}: the directory of ${input.corpId} has no department ${id}`);
    }
    return input;
  }

  private async existing(id: string): Promise<AlertRouteRecord> {
    const route = await this.store.routing.findRoute(id);
    if (!route) throw notFound(id);
    return route;
  }
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', `no alert route has the id ${id}`);
}

function toRouteView(route: AlertRouteRecord) {
  return { ...route, updatedAt: new Date(route.updatedAt).toISOString() };
}
