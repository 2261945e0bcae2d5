import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { RateLimitRule } from '../sandbox';
import type { EmulatorReply, EmulatorRequest, EmulatorStats } from './emulator-process';

type Request = EmulatorRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The emulator of emulator-process.ts, in a child process, asked over IPC. */
export class RemoteEmulator {
  private next = 0;
  private readonly pending = new Map<number, (reply: EmulatorReply) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: EmulatorReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  static async start(options: { people: string[]; timezone: string; offsetMs: number; workspaces?: number }): Promise<{ emulator: RemoteEmulator; apiUrl: string }> {
    const child = fork(join(__dirname, 'emulator-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const emulator = new RemoteEmulator(child);
    const reply = await emulator.ask({ type: 'start', ...options });
    return { emulator, apiUrl: reply.apiUrl ?? '' };
  }

  private ask(request: Request): Promise<Extract<EmulatorReply, { ok: true }>> {
    const id = (this.next += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.ok ? resolve(reply) : reject(new Error(reply.error))));
      this.child.send({ id, ...request });
    });
  }

  async advance(ms: number): Promise<void> {
    await this.ask({ type: 'advance', ms });
  }

  async setRateLimit(rule: RateLimitRule | null): Promise<void> {
    await this.ask({ type: 'rate', rule });
  }

  /** Every DM to this workspace answered 429 with this Retry-After, from now on. */
  async throttle(teamId: string, retryAfterSeconds: number): Promise<void> {
    await this.ask({ type: 'throttle', teamId, retryAfterSeconds });
  }

  async clearCalls(): Promise<void> {
    await this.ask({ type: 'clear' });
  }

  /** `count` slash command bodies ready to sign and send, their triggers issued by the emulator. */
  async prepareCommands(options: { botUrl: string; command: string; count: number }): Promise<string[]> {
    return (await this.ask({ type: 'prepare-commands', ...options })).bodies ?? [];
  }

  async viewsOpened(): Promise<number> {
    return (await this.ask({ type: 'views-opened' })).viewsOpened ?? 0;
  }

  async stats(): Promise<EmulatorStats> {
    return (await this.ask({ type: 'stats' })).stats ?? { delivered: {}, rateLimited: 0 };
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.ask({ type: 'stop' });
    await exited;
  }
}
