import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets/gateway-metadata-explorer.js';
import type { Server as HttpServer } from 'node:http';
import type { Observable } from 'rxjs';
import type { ServerOptions, Socket } from 'socket.io';
import { FrameBroadcastAdapter, type FrameCount } from './frame-broadcast-adapter.js';

/**
 * Nest's Socket.IO adapter, with each `@SubscribeMessage` handler bound to a socket as a plain
 * listener. Nest's own binds it as an rxjs pipeline (fromEvent → mergeMap → takeUntil the
 * disconnect) per handler per socket, objects that live as long as the socket: with 10 000
 * dashboards connected they were much of what the garbage collector had to mark at every major
 * collection (docs/benchmarks.md, "dashboards"). A listener goes with its socket. What a handler
 * returns is answered as Nest answers it: through the acknowledgement, or as an event when it
 * returns `{ event, data }`.
 *
 * The server it creates broadcasts to rooms through `FrameBroadcastAdapter` when given where to
 * count the frames.
 */
export class ListenerIoAdapter extends IoAdapter {
  /**
   * @param directFrames where to count the frames of room broadcasts when they go by
   *   `FrameBroadcastAdapter` (CARBON_DIRECT_FRAMES=on); without it the server keeps Socket.IO's own adapter
   */
  constructor(
    appOrHttpServer: INestApplicationContext | HttpServer,
    private readonly directFrames?: FrameCount,
  ) {
    super(appOrHttpServer);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    if (this.directFrames === undefined) return super.createIOServer(port, options);
    return super.createIOServer(port, { ...options, adapter: FrameBroadcastAdapter.countingInto(this.directFrames) });
  }

  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...payload: unknown[]) => {
        const { data, ack } = this.mapPayload(payload);
        transform(callback(data, ack)).subscribe((response) => {
          if (response === undefined || response === null) return;
          if (isEventResponse(response)) {
            socket.emit(response.event, response.data);
            return;
          }
          if (!isAckHandledManually && typeof ack === 'function') (ack as (answer: unknown) => void)(response);
        });
      });
    }
  }
}

function isEventResponse(response: unknown): response is { event: string; data: unknown } {
  return typeof response === 'object' && response !== null && typeof (response as { event?: unknown }).event === 'string';
}
