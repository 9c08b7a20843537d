import type { Namespace, Socket } from 'socket.io';
import { Adapter, type BroadcastOptions } from 'socket.io-adapter';
import type { Packet } from 'socket.io-parser';

/**
 * Socket.IO's in-memory adapter, with a broadcast to one room that hands the room's WebSocket
 * connections the WebSocket frame itself.
 *
 * Socket.IO already encodes a broadcast once and frames it once (`wsPreEncodedFrame`). But each
 * socket then still takes engine.io's packet path: a packet object, a write buffer, a flush,
 * `packetCreate`/`flush`/`drain` events, and a write callback that marks the transport writable
 * again on the next turn. With 10 000 dashboards that path, not the socket write, was most of
 * what the carbon service spent beyond a bare `ws` server sending the same frames
 * (docs/benchmarks.md, "Fan-out").
 *
 * Here a connection gets the frame straight into its WebSocket's TCP socket, when nothing of
 * engine.io's or ws's can be overtaken: the
 * connection is open, not upgrading, on the websocket transport, with no packet waiting in its
 * write buffer and no write of the transport in flight, and its socket is not asking for a drain
 * (a slow reader). A server's frames are not masked, so the frame is the same bytes for every
 * connection: its header and payload are joined once per broadcast, and each connection gets one
 * `write` of them, where ws's `sendFrame` corks, writes the two and uncorks for each. Otherwise,
 * and for any broadcast this path does not cover (several rooms,
 * exceptions, volatile, a frame that could not be made in advance), it is Socket.IO's own path.
 *
 * It reaches into engine.io 6.6 and ws 8 (both pinned in package-lock.json): `FrameConnection`
 * below names every member it uses, each checked before use; the adapter's spec runs it against a
 * real server and clients, so an upgrade that moves them fails there.
 */
export class FrameBroadcastAdapter extends Adapter {
  /** The class for Socket.IO's `adapter` option (Socket.IO makes one per namespace with `new`), counting into `frames`. */
  static countingInto(frames: FrameCount): typeof Adapter {
    return class extends FrameBroadcastAdapter {
      constructor(nsp: Namespace) {
        super(nsp, frames);
      }
    };
  }

  /** @param frames counts the frames of each room broadcast by the path they took */
  constructor(
    nsp: Namespace,
    private readonly frames: FrameCount,
  ) {
    super(nsp);
  }

  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    const [room, ...others] = opts.rooms;
    if (room === undefined || others.length > 0 || (opts.except?.size ?? 0) > 0 || opts.flags?.volatile === true) {
      super.broadcast(packet, opts);
      return;
    }
    const ids = this.rooms.get(room);
    if (ids === undefined) return;
    packet.nsp = (this.nsp as Namespace).name;
    const packetOpts: EnginePacketOptions = { preEncoded: true, volatile: undefined, compress: opts.flags?.compress };
    const encoded = (this as unknown as AdapterEncoding)._encode(packet, packetOpts);
    // one buffer of the frame's header and payload, the same bytes for every connection
    const frame = packetOpts.wsPreEncodedFrame === undefined ? undefined : Buffer.concat(packetOpts.wsPreEncodedFrame);
    const sockets = (this.nsp as Namespace).sockets;
    let direct = 0;
    let engine = 0;
    for (const id of ids) {
      const socket = sockets.get(id);
      if (socket === undefined) continue;
      notifyOutgoing(socket, packet);
      if (frame !== undefined && sendFrame(socket.conn as unknown as FrameConnection, frame, packetOpts)) {
        direct += 1;
      } else {
        (socket.client as unknown as EngineClient).writeToEngine(encoded, packetOpts);
        engine += 1;
      }
    }
    if (direct > 0) this.frames.inc({ path: 'direct' }, direct);
    if (engine > 0) this.frames.inc({ path: 'engine' }, engine);
  }
}

/** Where the frames of each room broadcast are counted: a Prometheus counter with a `path` label. */
export interface FrameCount {
  inc(labels: { path: 'direct' | 'engine' }, value: number): void;
}

interface EnginePacketOptions {
  preEncoded: true;
  volatile: undefined;
  compress: boolean | undefined;
  /** Set by `_encode` when the packet fits one text WebSocket frame: the frame's header and payload. */
  wsPreEncodedFrame?: Buffer[];
}

/** socket.io-adapter 2.5: the broadcast's encoding, which also makes the WebSocket frame. */
interface AdapterEncoding {
  _encode(packet: Packet, packetOpts: EnginePacketOptions): unknown[];
}

/** socket.io 4.8: a socket's way into engine.io. */
interface EngineClient {
  writeToEngine(encodedPackets: unknown[], opts: EnginePacketOptions): void;
}

/** engine.io 6.6 `Socket` with its websocket transport, and under it a ws 8 `WebSocket`. */
interface FrameConnection {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    _canSendPreEncodedFrame?(packet: { options: EnginePacketOptions }): boolean;
    socket?: {
      /** ws's frame writer: present on an open ws 8 WebSocket; its queue holds frames only while compressing, which this path rules out. */
      _sender?: object;
      _socket?: { writableNeedDrain: boolean; write(chunk: Buffer): boolean };
    };
  };
}

function sendFrame(conn: FrameConnection, frame: Buffer, packetOpts: EnginePacketOptions): boolean {
  if (conn.readyState !== 'open' || conn.upgrading || conn.writeBuffer.length > 0) return false;
  const { transport } = conn;
  if (transport.name !== 'websocket' || !transport.writable || transport._canSendPreEncodedFrame?.({ options: packetOpts }) !== true) return false;
  const tcp = transport.socket?._socket;
  if (transport.socket?._sender === undefined || tcp === undefined || tcp.writableNeedDrain) return false;
  tcp.write(frame);
  return true;
}

/** Socket.IO's `onAnyOutgoing` listeners see a broadcast packet as they would on its own path. */
function notifyOutgoing(socket: Socket, packet: Packet): void {
  const notify = (socket as unknown as { notifyOutgoingListeners?: (packet: Packet) => void }).notifyOutgoingListeners;
  notify?.call(socket, packet);
}
