import type { Transport } from '@influxdata/influxdb-client';
import { gzip } from 'node:zlib';

/**
 * The client's transport, with the gzip level of write bodies chosen here. The WriteApi asks for
 * gzip above a size (`gzipThreshold`) and the client's Node transport then compresses at zlib's
 * default level, 6. For line protocol that costs several times level 1 for a body barely
 * smaller (the spec holds level 9's body smaller than level 1's, nothing more), and it was a
 * large share of the ingest's CPU (docs/benchmarks.md). Level 0 sends the text as it is: right
 * when InfluxDB is on the same machine, wrong over a slow link (`gzipLevelFor`).
 *
 * The compressed bytes go on to the client's own transport, which sends them as they are: it
 * makes its request body with `Buffer.from`, which takes bytes as well as text. Its type says
 * text, hence the casts (here, and in `InfluxStore.writeLineProtocol`, which sends bytes); the
 * store's specs on a real InfluxDB would fail if a later client stopped taking them.
 */
export class GzipLevelTransport implements Transport {
  readonly chunkCombiner: Transport['chunkCombiner'];

  constructor(
    private readonly inner: Transport,
    /** zlib level, 0 (no compression) to 9. */
    private readonly level: number,
  ) {
    if (!Number.isInteger(level) || level < 0 || level > 9) throw new Error(`a gzip level is a whole number from 0 to 9, not ${level}`);
    this.chunkCombiner = inner.chunkCombiner;
  }

  send(...[path, body, options, callbacks]: Parameters<Transport['send']>): void {
    const { gzipThreshold, ...rest } = options;
    if (gzipThreshold === undefined || body.length <= gzipThreshold) return this.inner.send(path, body, options, callbacks);
    if (this.level === 0) return this.inner.send(path, body, rest, callbacks);
    gzip(body, { level: this.level }, (error, compressed) => {
      if (error !== null) {
        callbacks?.error?.(error);
        return;
      }
      const headers = { ...rest.headers, 'content-encoding': 'gzip' };
      this.inner.send(path, compressed as unknown as string, { ...rest, headers }, callbacks);
    });
  }

  request(...args: Parameters<Transport['request']>): ReturnType<Transport['request']> {
    return this.inner.request(...args);
  }

  iterate(...args: Parameters<Transport['iterate']>): ReturnType<Transport['iterate']> {
    return this.inner.iterate(...args);
  }
}

/**
 * The gzip level of write bodies sent to `url`, unless the settings name one: none for an
 * InfluxDB on this machine (a loopback address), where compressing saves no network and costs
 * CPU twice, the sender's to compress and InfluxDB's to inflate (at level 1, about a fifth of
 * the ingest's CPU: docs/benchmarks.md, "ingest"); level 1 for any other.
 */
export function gzipLevelFor(url: string): number {
  return isLoopback(new URL(url).hostname) ? 0 : 1;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
