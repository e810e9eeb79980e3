// Driftwatch processes as an operator runs them: the built per-service entries
// (`node dist/apps/<service>/apps/<service>/src/main.js`), each a child process with its own
// environment and HTTP port, stopped by signals.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { freePort, waitFor } from '@driftwatch/testing';

export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export type ServiceName = 'aggregator' | 'evaluator' | 'alerter' | 'store-server';

const entry = (service: ServiceName) => path.join(ROOT, 'dist', 'apps', service, 'apps', service, 'src', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (name.name.endsWith('.ts') && !name.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the services whose entry is missing or older than a source it is built from (its app
 * or any lib): a stale build would test old code, and rebuilding all four every run would
 * cost CI a minute when `npm install` has just built them.
 */
export function ensureBuilt(services: readonly ServiceName[]): void {
  const libs = newestMtime(path.join(ROOT, 'libs'));
  for (const service of services) {
    let built = 0;
    try {
      built = statSync(entry(service)).mtimeMs;
    } catch {
      // not built yet
    }
    if (built > Math.max(libs, newestMtime(path.join(ROOT, 'apps', service, 'src')))) continue;
    const tsconfig = `apps/${service}/tsconfig.app.json`;
    for (const tool of ['tsc', 'tsc-alias']) {
      const r = spawnSync('npx', [tool, '-p', tsconfig], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`building ${service} failed (${tool} -p ${tsconfig}):\n${r.stdout}${r.stderr}`);
    }
  }
}

export class ServiceProcess {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private partial = '';

  constructor(
    readonly name: string,
    readonly service: ServiceName,
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  static async create(name: string, service: ServiceName, env: Record<string, string>): Promise<ServiceProcess> {
    const port = service === 'store-server' ? Number(env.STORE_SERVER_PORT) : await freePort();
    return new ServiceProcess(name, service, env, port);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and resolves once it is ready (`/health/ready`, or `/ping` for the store server). */
  async start(timeoutMs = 180_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.child!.pid})`);
    const env = { ...process.env, NO_COLOR: '1', ...this.env, ...(this.service === 'store-server' ? {} : { HTTP_PORT: String(this.port), HTTP_HOST: '127.0.0.1' }) };
    const child = spawn(process.execPath, [entry(this.service)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const collect = (chunk: Buffer) => {
      const text = this.partial + chunk.toString();
      const lines = text.split('\n');
      this.partial = lines.pop()!;
      for (const line of lines) this.output.push(line);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const probe = this.service === 'store-server' ? '/ping' : '/health/ready';
    await waitFor(
      `${this.name} to be ready on ${probe}`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}) while starting:\n${this.tail()}`);
        try {
          return (await fetch(`http://127.0.0.1:${this.port}${probe}`)).ok;
        } catch {
          return false;
        }
      },
      timeoutMs,
      { intervalMs: 200, describe: () => this.tail() },
    );
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last lines it printed, for failure messages. */
  tail(lines = 30): string {
    return this.output.slice(-lines).map((l) => `  [${this.name}] ${l}`).join('\n');
  }
}
