import { InfluxDB } from '@influxdata/influxdb-client';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GzipLevelTransport, gzipLevelFor } from './gzip-level-transport.js';

// What goes on the wire, seen by a plain HTTP server on loopback; that InfluxDB reads it back is
// the store's own spec (influx-store.spec.ts).
let server: Server;
let url: string;
const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const lines = Array.from({ length: 2000 }, (_, index) => `reading,meter=M${index % 40},park=p1 power_kw=${index * 1.5} ${1_800_000_000_000 + index}`).join('\n');

async function written(level: number, text: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  received.length = 0;
  const transport = new GzipLevelTransport(new InfluxDB({ url }).transport, level);
  const writeApi = new InfluxDB({ url, transport }).getWriteApi('', 'db', 'ms', { gzipThreshold: 1000, maxRetries: 0 });
  writeApi.writeRecord(text);
  await writeApi.close();
  const [request] = received;
  if (request === undefined) throw new Error('nothing was written');
  return request;
}

describe(GzipLevelTransport.name, () => {
  it('should gzip a write body over the threshold at the level asked', async () => {
    const fast = await written(1, lines);
    const small = await written(9, lines);
    expect(fast.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(fast.body).toString()).toBe(lines);
    expect(gunzipSync(small.body).toString()).toBe(lines);
    expect(small.body.length).toBeLessThan(fast.body.length);
  });

  it('should send the text as it is at level 0', async () => {
    const plain = await written(0, lines);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(lines);
  });

  it('should send a body under the threshold as it is', async () => {
    const short = await written(1, 'reading,meter=M1,park=p1 power_kw=1 1800000000000');
    expect(short.headers['content-encoding']).toBeUndefined();
    expect(short.body.toString()).toBe('reading,meter=M1,park=p1 power_kw=1 1800000000000');
  });

  it('should refuse a level zlib does not have', () => {
    expect(() => new GzipLevelTransport(new InfluxDB({ url }).transport, 10)).toThrow('a gzip level is a whole number from 0 to 9, not 10');
  });
});

describe(gzipLevelFor.name, () => {
  it('should send uncompressed to an InfluxDB at a loopback address', () => {
    for (const url of ['http://127.0.0.1:8086', 'http://localhost:8086/', 'https://127.3.2.1', 'http://[::1]:8086']) expect(gzipLevelFor(url)).toBe(0);
  });

  it('should gzip at level 1 toward any other InfluxDB', () => {
    for (const url of ['http://influxdb:8086', 'https://eu-central-1-1.aws.cloud2.influxdata.com', 'http://10.0.0.7:8086', 'http://127.0.0.1.example.com', 'http://[::2]:8086']) {
      expect(gzipLevelFor(url)).toBe(1);
    }
  });
});
