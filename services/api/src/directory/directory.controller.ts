import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { Visibilities } from '../auth/visibilities';
import { EmployeeProfiles } from './employee-profiles';

const corpQuerySchema = z.object({ corpId: z.string({ error: 'corpId is required' }).min(1, 'corpId is required') });

/**
 * Who is who, from WeCom's directory: names are personal data, so every read is audited like archived
 * content, and a scoped key reads only its employees and their customers (others answer 404).
 */
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly profiles: EmployeeProfiles,
    private readonly audit: ReadAudit,
    private readonly visibilities: Visibilities,
  ) {}

  @Get('employees/:userid')
  @Roles('reader')
  async employee(@Param('userid') userid: string, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(corpQuerySchema, query);
    const visibility = await this.visibilities.of(request.principal);
    const profile = visibility.seesEmployee(corpId, userid) ? await this.profiles.find(corpId, userid) : null;
    if (!profile) throw new DomainError('not_found', `corp ${corpId} has no employee ${userid} in the directory`);
    await this.audit.record(request, 'directory.employee.read', { corpId, userid });
    return profile;
  }

  @Get('departments')
  @Roles('reader')
  async departments(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(corpQuerySchema, query);
    const visible = (await this.visibilities.of(request.principal)).seesCorp(corpId);
    const items = visible ? await this.store.directory.listDepartments(corpId) : [];
    await this.audit.record(request, 'directory.departments.list', { corpId, returned: items.length });
    return { items };
  }

  @Get('external-contacts/:id')
  @Roles('reader')
  async externalContact(@Param('id') externalUserId: string, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(corpQuerySchema, query);
    const visibility = await this.visibilities.of(request.principal);
    const found = await this.store.directory.findExternalContact(corpId, externalUserId);
    // A customer is the business of the employees who have them.
    const contact = found && (visibility.unrestricted || found.followUsers.some((userid) => visibility.seesEmployee(corpId, userid))) ? found : null;
    if (!contact) throw new DomainError('not_found', `corp ${corpId} has no external contact ${externalUserId} in the directory`);
    await this.audit.record(request, 'directory.external-contact.read', { corpId, externalUserId });
    return contact;
  }
}
