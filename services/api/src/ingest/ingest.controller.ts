import { Body, Controller, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { Roles } from '../auth/roles';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { IngestBatchAcceptor, type IngestReport } from './ingest-batch-acceptor';

@Controller('api/v1/ingest')
export class IngestController {
  constructor(private readonly acceptor: IngestBatchAcceptor) {}

  /** Decrypted chat-archive records; 202 because archiving completes asynchronously. */
  @Post('wecom/messages')
  @HttpCode(202)
  @Roles('ingest')
  ingestWecomMessages(@Body() body: unknown, @Req() request: RawBodyRequest<AuthenticatedRequest>): Promise<IngestReport> {
    return this.acceptor.accept(body, request.principal, request.rawBody?.toString('utf8'));
  }
}
