import type { Transport } from '@influxdata/influxdb-client';

/**
 * A compatibility transport (libs/timeseries/README.md, `InfluxStore`): InfluxDB 1.x servers older than 1.8 (Debian's
 * `influxdb` 1.6) have `/write` but not `/api/v2/write`. This wraps the client's own transport
 * and maps the one path the WriteApi uses:
 *
 *   /api/v2/write?org=…&bucket=db/rp&precision=ms  →  /write?db=db&rp=rp&precision=ms
 *
 * Everything else (batching, gzip, the HTTP itself, the `Authorization` header of
 * `influxAuthorization`) stays the client's.
 */
export class InfluxV1WriteTransport implements Transport {
  readonly chunkCombiner: Transport['chunkCombiner'];

  constructor(private readonly inner: Transport) {
    this.chunkCombiner = inner.chunkCombiner;
  }

  send(...[path, body, options, callbacks]: Parameters<Transport['send']>): void {
    this.inner.send(this.mapPath(path), body, options, callbacks);
  }

  request(...[path, body, options, started]: Parameters<Transport['request']>): ReturnType<Transport['request']> {
    return this.inner.request(this.mapPath(path), body, options, started);
  }

  iterate(...[path, body, options]: Parameters<Transport['iterate']>): ReturnType<Transport['iterate']> {
    return this.inner.iterate(this.mapPath(path), body, options);
  }

  mapPath(path: string): string {
    if (!path.startsWith('/api/v2/write')) return path;
    const query = new URLSearchParams(path.slice(path.indexOf('?') + 1));
    const [database = '', retentionPolicy] = (query.get('bucket') ?? '').split('/');
    const mapped = new URLSearchParams({ db: database, precision: query.get('precision') ?? 'ns' });
    if (retentionPolicy !== undefined && retentionPolicy !== '') mapped.set('rp', retentionPolicy);
    return `/write?${mapped.toString()}`;
  }
}
