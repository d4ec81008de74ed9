import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { ARCHIVE_STORE, type ArchiveStore } from '@chatvault/store';
import { DomainError } from '@chatvault/platform';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { EmployeeProfiles } from './employee-profiles';

const corpQuerySchema = z.object({ corpId: z.string({ error: 'corpId is required' }).min(1, 'corpId is required') });

/** Who is who, from WeCom's directory: names are personal data, so every read is audited like archived content. */
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly profiles: EmployeeProfiles,
    private readonly audit: ReadAudit,
  ) {}

  @Get('employees/:userid')
  @Roles('reader')
  async employee(@Param('userid') userid: string, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(corpQuerySchema, query);
    const profile = await this.profiles.find(corpId, userid);
    if (!profile) throw new DomainError('not_found', `corp ${corpId} has no employee ${userid} in the directory`);
    await this.audit.record(request, 'directory.employee.read', { corpId, userid });
    return profile;
  }

  @Get('departments')
  @Roles('reader')
  async departments(@Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(corpQuerySchema, query);
    const items = await this.store.directory.listDepartments(corpId);
    await this.audit.record(request, 'directory.departments.list', { corpId, returned: items.length });
    return { items };
  }

  @Get('external-contacts/:id')
  @Roles('reader')
  async externalContact(@Param('id') externalUserId: string, @Query() query: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId } = parseQuery(corpQuerySchema, query);
    const contact = await this.store.directory.findExternalContact(corpId, externalUserId);
    if (!contact) throw new DomainError('not_found', `corp ${corpId} has no external contact ${externalUserId} in the directory`);
    await this.audit.record(request, 'directory.external-contact.read', { corpId, externalUserId });
    return contact;
  }
}
