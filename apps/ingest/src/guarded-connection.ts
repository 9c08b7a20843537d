import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { PacketSizeGuard } from './limits/packet-size-guard.js';

/**
 * A gateway's TCP connection as the broker sees it: every chunk coming in passes the packet size
 * guard before aedes may buffer it, and what aedes writes goes out in one socket write per turn
 * of the event loop. mqtt-packet writes a packet in pieces (a PUBACK is three: type, length,
 * packet id) between `cork()` and `uncork()`; a stream with `_writev` gets them together and
 * joins them, where a wrapper without one (`Duplex.from`) hands each piece to the socket on its
 * own, a system call apiece.
 */
export class GuardedConnection extends Duplex {
  readonly remoteAddress: string | undefined;
  private readonly guard: PacketSizeGuard;

  /** `onRefused` hears why the guard closed the connection. */
  constructor(
    private readonly socket: Socket,
    maxPacketBytes: number,
    onRefused: (problem: Error) => void,
  ) {
    super({ allowHalfOpen: false });
    this.remoteAddress = socket.remoteAddress;
    this.guard = new PacketSizeGuard(maxPacketBytes);
    socket.on('data', (chunk: Buffer) => {
      const problem = this.guard.inspect(chunk);
      if (problem !== undefined) {
        onRefused(problem);
        this.destroy();
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.socket.write(chunk, done);
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    this.socket.write(chunks.length === 1 ? (chunks[0] as { chunk: Buffer }).chunk : Buffer.concat(chunks.map(({ chunk }) => chunk)), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.socket.end(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.socket.destroy();
    done(error);
  }
}
