import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorCode, LOGGER, type Logger } from '@chatvault/platform';

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
    if (error instanceof DomainError) {
      const details = error.details === undefined ? {} : { details: error.details };
      response.status(STATUS[error.code]).json({ error: { code: error.code, message: error.message, ...details } });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      response.status(status).json({ error: { code: codeOf(status), message: messageOf(error) } });
      return;
    }
    this.logger.error({ err: error }, 'unhandled error');
    response.status(500).json({ error: { code: 'internal', message: 'internal error; see the server log' } });
  }
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
