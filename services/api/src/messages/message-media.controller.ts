import { Controller, Get, Header, Inject, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import { OBJECT_STORE, type ObjectStore } from '@chatvault/object-store';
import { DomainError } from '@chatvault/platform';
import { ARCHIVE_STORE, type ArchiveStore, type MessageMediaRecord } from '@chatvault/store';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { parseQuery } from '../http/parse-query';
import { ReadAudit } from '../audit/read-audit';
import { Visibilities } from '../auth/visibilities';

const mediaParamsSchema = z.object({
  msgid: z.string().min(1, 'msgid is required'),
  index: z.coerce.number().int('index must be a whole number').nonnegative('index must be 0 or more'),
});
const mediaQuerySchema = z.object({ corpId: z.string().min(1, 'corpId is required') });

const NOT_STORED: Record<Exclude<MessageMediaRecord['state'], 'stored'>, string> = {
  failed: '媒体文件下载失败 (the media file could not be fetched)',
  'no-source': '该企业未配置会话存档 SDK，无法下载媒体文件 (no archive SDK for this corp)',
};

/** The bytes of an archived message's media files, by position in the message's `media[]`. */
@Controller('api/v1/messages')
export class MessageMediaController {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(OBJECT_STORE) private readonly objects: ObjectStore,
    private readonly audit: ReadAudit,
    private readonly visibilities: Visibilities,
  ) {}

  @Get(':msgid/media/:index')
  @Roles('reader')
  // Archived files come from outside: a browser must never second-guess the sniffed type and run one as a page.
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  async media(@Param() rawParams: unknown, @Query() rawQuery: unknown, @Req() request: AuthenticatedRequest): Promise<StreamableFile> {
    const { msgid, index } = parseQuery(mediaParamsSchema, rawParams);
    const { corpId } = parseQuery(mediaQuerySchema, rawQuery);
    const visibility = await this.visibilities.of(request.principal);
    if (!visibility.unrestricted) {
      const archived = await this.store.messages.find(corpId, msgid);
      if (!archived || !visibility.seesMessage(archived.message)) throw notArchived(corpId, msgid);
    }
    const media = await this.stored(corpId, msgid, index);
    const sha256 = media.sha256!;
    const object = await this.objects.stat(sha256);
    if (!object) throw missingObject(sha256);
    await this.audit.record(request, 'messages.media', { corpId, msgid, index, sha256, contentType: media.contentType, size: object.size });
    const bytes = await this.objects.open(sha256);
    if (!bytes) throw missingObject(sha256);
    // Streamed: a meeting recording may be gigabytes.
    return new StreamableFile(bytes, { type: media.contentType ?? 'application/octet-stream', length: object.size, disposition: `inline; filename="${sha256}"` });
  }

  /** The media record, or a 404 saying why there are no bytes to serve. */
  private async stored(corpId: string, msgid: string, index: number): Promise<MessageMediaRecord> {
    const media = await this.store.media.find(corpId, msgid, index);
    if (media?.state === 'stored') return media;
    if (media) throw new DomainError('not_found', NOT_STORED[media.state], { state: media.state, reason: media.error });
    const archived = await this.store.messages.find(corpId, msgid);
    if (!archived) throw notArchived(corpId, msgid);
    if (index >= archived.message.media.length) {
      throw new DomainError('not_found', `消息 ${msgid} 没有第 ${index} 个媒体文件 (the message has ${archived.message.media.length})`, { state: 'no-such-media' });
    }
    throw new DomainError('not_found', '媒体文件尚未下载 (the media file has not been fetched yet)', { state: 'pending' });
  }
}

/** Also the answer for a message out of the key's scope, so its msgid tells nothing. */
function notArchived(corpId: string, msgid: string): DomainError {
  return new DomainError('not_found', `消息 ${msgid} 未归档 (no archived message ${msgid} in corp ${corpId})`, { state: 'no-message' });
}

function missingObject(sha256: string): DomainError {
  return new DomainError('unavailable', `媒体文件 ${sha256} 不在对象存储中 (the object store does not hold it)`, { state: 'missing-object', sha256 });
}
