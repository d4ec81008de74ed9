import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorCode, LOGGER, counter, type Logger } from '@chatvault/platform';

const refused = counter('chatvault_http_requests_refused_total', 'Requests answered with a 4xx, by status', ['status']);

const STATUS: Record<DomainErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** The one place errors become HTTP answers: `{ error: { code, message } }`. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const answer = (status: number, body: object) => {
      if (status >= 400 && status < 500) refused.inc({ status: String(status) });
      response.status(status).json({ error: body });
    };
    if (error instanceof DomainError) {
      const details = error.details === undefined ? {} : { details: error.details };
      answer(STATUS[error.code], { code: error.code, message: error.message, ...details });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      answer(status, { code: codeOf(status), message: messageOf(error) });
      return;
    }
    if (isTooLarge(error)) {
      answer(413, { code: 'too_large', message: `the request body is ${error.length} bytes, over the limit of ${error.limit}: split it into smaller batches` });
      return;
    }
    this.logger.error({ err: error }, 'unhandled error');
    response.status(500).json({ error: { code: 'internal', message: 'internal error; see the server log' } });
  }
}

/** What the body parser throws for a body over its limit. */
function isTooLarge(error: unknown): error is { length: number; limit: number } {
  return (error as { type?: unknown } | null)?.type === 'entity.too.large';
}

function codeOf(status: number): string {
  return (Object.entries(STATUS).find(([, s]) => s === status)?.[0] as string | undefined) ?? (status >= 500 ? 'internal' : 'invalid_request');
}

function messageOf(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
