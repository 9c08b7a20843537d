// The background load of the latency phases of `npm run bench:live`, in a process of its own:
// the load gateways build and send tens of thousands of readings a second, and their garbage
// stalled the bench's own event loop for up to 230 ms, which then showed as latency of the probes
// measured on that loop. Started by `BackgroundLoad.start`, never alone.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { PacedPublisher, type PacedOptions } from './paced-publisher.js';

type Request = { kind: 'count' } | { kind: 'stop'; settleMs: number };
type Reply = { kind: 'started' } | { kind: 'acknowledged'; readings: number };

/** The parent's handle on a PacedPublisher running in a child process. */
export class BackgroundLoad {
  private constructor(private readonly child: ChildProcess) {}

  /** Forks this file (with the parent's tsx loader), which connects the gateways and starts publishing. */
  static async start(options: PacedOptions): Promise<BackgroundLoad> {
    const child = fork(import.meta.filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const load = new BackgroundLoad(child);
    child.send(options);
    await load.reply('started');
    return load;
  }

  /** Readings acknowledged so far. */
  async acknowledged(): Promise<number> {
    this.child.send({ kind: 'count' } satisfies Request);
    return ((await this.reply('acknowledged')) as Extract<Reply, { kind: 'acknowledged' }>).readings;
  }

  /** Stops publishing, waits up to `settleMs` for acknowledgements in flight, and for the process to end. */
  async stop(settleMs: number): Promise<void> {
    this.child.send({ kind: 'stop', settleMs } satisfies Request);
    await this.reply('acknowledged');
    if (this.child.exitCode === null) await once(this.child, 'exit');
  }

  private reply(kind: Reply['kind']): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: Reply) => {
        if (message.kind !== kind) return;
        this.child.off('exit', onExit);
        this.child.off('message', onMessage);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`the background load exited (${code}) before it answered`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }
}

if (process.send !== undefined && process.argv[1] === import.meta.filename) {
  const send = (reply: Reply) => process.send?.(reply);
  process.once('message', (options: PacedOptions) => {
    const load = new PacedPublisher(options);
    load.start().then(
      () => send({ kind: 'started' }),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
    process.on('message', (request: Request) => {
      if (request.kind === 'count') send({ kind: 'acknowledged', readings: load.acknowledgedReadings });
      else
        void load.stop(request.settleMs).then(() => {
          send({ kind: 'acknowledged', readings: load.acknowledgedReadings });
          process.disconnect();
        });
    });
  });
}
