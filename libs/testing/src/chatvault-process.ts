import { spawn, type ChildProcess } from 'node:child_process';
import { NPM_START_ARGS, REPO_ROOT } from './npm-start';
import { waitFor } from './wait-for';

const START_TIMEOUT_MS = 90_000;

/**
 * ChatVault as a separate OS process, started the way production starts it, so tests can run
 * services apart and kill one mid-stream.
 */
export class ChatVaultProcess {
  private output = '';
  private address = '';

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (d: Buffer) => this.append(d));
    child.stderr!.on('data', (d: Buffer) => this.append(d));
  }

  /**
   * `args` go to the entrypoint as `npm start -- <args>` would pass them. The process binds a port the
   * system picks and says which: a port chosen here and bound later could be taken meanwhile by another
   * test's process, whose readiness this one would then mistake for its own. Only `env` says which
   * servers it uses: none of the test runner's own server settings are inherited.
   */
  static async start(name: string, env: Record<string, string>, args: readonly string[] = []): Promise<ChatVaultProcess> {
    const child = spawn(process.execPath, [...NPM_START_ARGS, ...args], {
      cwd: REPO_ROOT,
      env: { ...withoutServerSettings(process.env), ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const running = new ChatVaultProcess(name, child);
    try {
      running.address = await running.listening();
      // The channel's only use was the address; left open it would keep the process from exiting on its own.
      child.disconnect();
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
          const response = await fetch(`${running.url}/readyz`).catch(() => undefined);
          return response?.status === 200;
        },
        { timeoutMs: START_TIMEOUT_MS, intervalMs: 250, description: `${name} to be ready` },
      );
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${running.output.slice(-4000)}`);
    }
    return running;
  }

  get url(): string {
    return this.address;
  }

  get log(): string {
    return this.output;
  }

  /** The process's id, for what /proc says of it (see proc-stat). */
  get pid(): number {
    return this.child.pid!;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Graceful stop, then SIGKILL if it hangs. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /** The URL the process says it listens on, once it does. */
  private listening(): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start listening within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      this.child.on('message', (message: { chatvault?: string; url?: string }) => {
        if (message.chatvault !== 'listening' || !message.url) return;
        clearTimeout(timer);
        resolve(message.url);
      });
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code}`));
      });
    });
  }

  private append(chunk: Buffer): void {
    // Keep the tail only: a long run must not grow the test's memory without bound.
    this.output = (this.output + chunk.toString('utf8')).slice(-200_000);
  }
}

/** What takes a port off its embedded adapter: a shell that exported one must not move a test's embedded process onto it. */
const SERVER_SETTINGS = ['DATABASE_URL', 'KAFKA_BROKERS', 'ELASTICSEARCH_URL', 'REDIS_URL', 'OBJECT_STORE_URL'];

function withoutServerSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SERVER_SETTINGS.includes(name)));
}
