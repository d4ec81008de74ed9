import { loadConfig, startTracing, stopTracing, createLogger } from '@chatvault/platform';

// Tracing patches kafkajs, pg, ioredis and express as they load, so it starts before anything requires them.
const config = loadConfig();
startTracing({ serviceName: `${config.OTEL_SERVICE_NAME}-${config.TARGET.replace(/,/g, '+')}`, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });

async function main(): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  const [command, ...args] = process.argv.slice(2);
  if (command === 'verify') {
    const { runVerifyCommand } = await import('./cli/verify-command');
    process.exitCode = await runVerifyCommand(args, config, logger, (line) => process.stdout.write(`${line}\n`));
    await stopTracing();
    return;
  }
  if (command === 'reindex-alerts') {
    const { runReindexAlertsCommand } = await import('./cli/reindex-alerts-command');
    process.exitCode = await runReindexAlertsCommand(config, logger, (line) => process.stdout.write(`${line}\n`));
    await stopTracing();
    return;
  }
  if (command === 'import') {
    const { runImportCommand } = await import('./cli/import-command');
    // The first Ctrl-C lets the batch in flight finish and its state be saved; a second one quits at once.
    const interrupt = new AbortController();
    process.on('SIGINT', () => (interrupt.signal.aborted ? process.exit(130) : interrupt.abort()));
    process.exitCode = await runImportCommand(args, config, {
      write: (line) => process.stdout.write(`${line}\n`),
      progressStream: process.stdout,
      signal: interrupt.signal,
    });
    await stopTracing();
    return;
  }
  try {
    const running =
      command === '--demo'
        ? await (await import('./demo/demo-command')).startDemo(config, logger, (text) => process.stdout.write(text))
        : await (await import('./chatvault')).startChatVault(config, logger);
    // A parent that started this process with an IPC channel (a test harness, a supervisor) learns where it
    // listens: with PORT=0 the port is only known now.
    process.send?.({ chatvault: 'listening', url: running.url });
  } catch (error) {
    logger.fatal({ err: error }, `ChatVault failed to start: ${(error as Error).message}`);
    process.exitCode = 1;
    await stopTracing();
    process.exit(1);
  }
}

void main();
