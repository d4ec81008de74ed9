import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req } from '@nestjs/common';
import { z } from 'zod';
import { alertChannelInputSchema, type AlertChannelInput } from '@chatvault/contracts';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { CONFIG, DomainError, type Config } from '@chatvault/platform';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { actorOf } from '../auth/actor';
import { parseQuery } from '../http/parse-query';
import { keepStoredSecrets, toChannelView } from './channel-view';

const versionSchema = z.object({ expectedVersion: z.number().int().positive() });

/**
 * How alerts travel: signed webhooks, WeCom application messages and group robots, e-mail. Admins
 * only, since channels hold secrets; what is saved is validated first, with the field at fault named,
 * and alerting uses it within seconds.
 */
@Controller('api/v1/alert-channels')
export class AlertChannelsController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Get()
  async list() {
    return { items: (await this.store.routing.listChannels()).map(toChannelView) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return toChannelView(await this.existing(id));
  }

  @Post()
  async create(@Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const input = this.validated(body);
    return toChannelView(await this.store.routing.saveChannel({ ...input, id: randomUUID(), version: 0, updatedAt: Date.now(), updatedBy: actorOf(request.principal) }, 0));
  }

  /** `expectedVersion` is the version the editor saw; secrets left out (or masked) stay as stored. */
  @Put(':id')
  async replace(@Param('id') id: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const { expectedVersion } = parseQuery(versionSchema, body);
    const stored = await this.existing(id);
    const { expectedVersion: _version, ...rest } = body as Record<string, unknown>;
    const input = this.validated(keepStoredSecrets(rest, stored));
    return toChannelView(await this.store.routing.saveChannel({ ...input, id, version: expectedVersion, updatedAt: Date.now(), updatedBy: actorOf(request.principal) }, expectedVersion));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.store.routing.deleteChannel(id))) throw new DomainError('not_found', `no alert channel has the id ${id}`);
  }

  private validated(body: unknown): AlertChannelInput {
    const input = parseQuery(alertChannelInputSchema, body);
    if (input.kind === 'email' && !this.config.ALERT_SMTP_URL) {
      throw new DomainError('invalid_request', 'kind: e-mail channels need ALERT_SMTP_URL set on the alerting service; none is configured');
    }
    return input;
  }

  private async existing(id: string) {
    const channel = await this.store.routing.findChannel(id);
    if (!channel) throw new DomainError('not_found', `no alert channel has the id ${id}`);
    return channel;
  }
}
