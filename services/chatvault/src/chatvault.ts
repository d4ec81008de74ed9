import { NestFactory } from '@nestjs/core';
import { type INestApplication, Module, type DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Config, createLogger, type Logger } from '@chatvault/platform';
import { InfrastructureModule } from './infrastructure.module';
import { ProbesController } from './probes.controller';
import { resolveTargets } from './targets';

@Module({ controllers: [ProbesController] })
class ProbesModule {}

export interface RunningChatVault {
  app: INestApplication;
  /** http://host:port of this process. */
  url: string;
  services: string[];
  close(): Promise<void>;
}

/** Largest request body: a full batch of 1,000 archive records with long texts. */
const BODY_LIMIT = '20mb';
/** A WeCom callback is one small encrypted event. */
const CALLBACK_BODY_LIMIT = '256kb';

export async function startChatVault(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningChatVault> {
  const plan = resolveTargets(config.TARGET);
  const root: DynamicModule = {
    module: class ChatVaultModule {},
    imports: [InfrastructureModule.forRoot(config, logger, plan.capabilities), ProbesModule, ...plan.services.map((s) => s.module)],
  };
  // rawBody: the ingest endpoint archives each record's own bytes, not a re-serialisation.
  const app = await NestFactory.create<NestExpressApplication>(root, { logger: nestLogger(logger), bodyParser: false, rawBody: true });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // WeCom posts its callbacks as XML; the receiver authenticates the raw text.
  app.useBodyParser('text', { type: ['text/xml', 'application/xml'], limit: CALLBACK_BODY_LIMIT });
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : config.PORT}`;
  const services = plan.services.map((s) => s.name);
  logger.info({ services, url }, 'ChatVault started');
  return { app, url, services, close: () => app.close() };
}

/** Nest's own messages go through the same structured logger as ours. */
function nestLogger(logger: Logger) {
  return {
    log: (message: unknown, context?: string) => logger.debug({ context }, String(message)),
    error: (message: unknown, trace?: string, context?: string) => logger.error({ context, trace }, String(message)),
    warn: (message: unknown, context?: string) => logger.warn({ context }, String(message)),
    debug: (message: unknown, context?: string) => logger.debug({ context }, String(message)),
    verbose: (message: unknown, context?: string) => logger.trace({ context }, String(message)),
  };
}
