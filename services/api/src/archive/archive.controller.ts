import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { archiveDaySealedV1 } from '@chatvault/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatvault/bus';
import { ARCHIVE_STORE, DaySealer, DayVerifier, type ArchiveStore } from '@chatvault/store';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { corpDaySchema } from './corp-day-query';

/** Tamper evidence: seal a corp's business day, and check a sealed day against the archive. Admin only. */
@Controller('api/v1/archive')
export class ArchiveController {
  private readonly sealer: DaySealer;
  private readonly verifier: DayVerifier;

  constructor(
    @Inject(ARCHIVE_STORE) store: ArchiveStore,
    @Inject(MESSAGE_BUS) bus: MessageBus,
    private readonly audit: ReadAudit,
  ) {
    this.sealer = new DaySealer(store, (event) => bus.publish(archiveDaySealedV1, [event]));
    this.verifier = new DayVerifier(store);
  }

  @Get('verify')
  @Roles()
  async verify(@Query() rawQuery: unknown, @Req() request: AuthenticatedRequest) {
    const { corpId, day } = parseQuery(corpDaySchema, rawQuery);
    const result = await this.verifier.verify(corpId, day);
    // The answer names archived msgids, so it is a read of archived content like any other.
    await this.audit.record(request, 'archive.verify', {
      corpId,
      day,
      ok: result.ok,
      returned: [...result.altered, ...result.inserted, ...result.missing].map((msgid) => `${corpId}:${msgid}`),
    });
    return result;
  }

  @Post('seal')
  @HttpCode(200)
  @Roles()
  /** Seals the day, or, when it is sealed already, closes what reached it since with an amendment. */
  async seal(@Body() body: unknown) {
    const { corpId, day } = parseQuery(corpDaySchema, body);
    const result = await this.sealer.seal(corpId, day);
    return { ...result, amendment: result.created ? null : await this.sealer.amend(corpId, day) };
  }
}
