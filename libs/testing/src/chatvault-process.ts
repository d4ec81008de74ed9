import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = resolve(__dirname, '../../..');

/**
 * ChatVault as a separate OS process, started the way production starts it, so tests can run
 * services apart and kill one mid-stream.
 */
export class ChatVaultProcess {
  private output = '';
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  /** `args` go to the entrypoint as `npm start -- <args>` would pass them. */
  static async start(name: string, env: Record<string, string>, port: number, args: readonly string[] = []): Promise<ChatVaultProcess> {
    const child = spawn(process.execPath, ['-r', './tools/register.cjs', 'services/chatvault/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running = new ChatVaultProcess(name, `http://127.0.0.1:${port}`, child);
    child.stdout!.on('data', (d: Buffer) => running.append(d));
    child.stderr!.on('data', (d: Buffer) => running.append(d));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${running.output.slice(-4000)}`);
        const response = await fetch(`${running.url}/readyz`).catch(() => undefined);
        return response?.status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 250, description: `${name} to be ready` },
    ).catch((error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}\n--- ${name} output ---\n${running.output.slice(-4000)}`);
    });
    return running;
  }

  get log(): string {
    return this.output;
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

  private append(chunk: Buffer): void {
    // Keep the tail only: a long run must not grow the test's memory without bound.
    this.output = (this.output + chunk.toString('utf8')).slice(-200_000);
  }
}
