import { temporaryDirectory } from '@zeropark/test-servers';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarbonMetrics } from '../../metrics/carbon-metrics.js';
import { WebhookDispatcher, type ArmedWebhook } from './webhook-dispatcher.js';
import { WebhookOutbox } from './webhook-outbox.js';

const SECRET = 'a-webhook-secret-of-the-spec';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver that answers each request with the next status of `answers` (then 200). */
async function receiver(answers: number[] = []): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

/** What a receiver does (docs/alerts.md): recompute the HMAC over `{timestamp}.{body}` and compare in constant time. */
function signatureHolds({ headers, body }: Received): boolean {
  const expected = Buffer.from(`v1=${createHmac('sha256', SECRET).update(`${String(headers['x-zeropark-timestamp'])}.${body}`).digest('hex')}`);
  const given = Buffer.from(String(headers['x-zeropark-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe(WebhookDispatcher.name, () => {
  let dir: string;
  let servers: Server[];
  let dispatchers: WebhookDispatcher[];
  beforeEach(() => {
    dir = temporaryDirectory('webhooks');
    servers = [];
    dispatchers = [];
  });
  afterEach(() => {
    for (const dispatcher of dispatchers) dispatcher.stop();
    for (const server of servers) server.close();
  });

  function dispatcherFor(webhooks: ArmedWebhook[], outbox: WebhookOutbox): WebhookDispatcher {
    const dispatcher = new WebhookDispatcher(new Map(webhooks.map((webhook) => [webhook.id, webhook])), outbox, { initialDelayMs: 20, maxDelayMs: 50, giveUpAfterMs: 60_000, timeoutMs: 2000, clock: Date.now }, pino({ level: 'silent' }), new CarbonMetrics());
    dispatchers.push(dispatcher);
    return dispatcher;
  }

  const webhook = (id: string, url: string): ArmedWebhook => ({ id, url, park: 'p1', secret: SECRET, secretEnv: 'X', rules: null });

  it('should sign each delivery over its timestamp and body, with the idempotency key', async () => {
    const hook = await receiver();
    servers.push(hook.server);
    dispatcherFor([webhook('p1/ops', hook.url)], new WebhookOutbox(join(dir, 'outbox.db'), Date.now())).enqueue([{ webhook: 'p1/ops', key: 'a1.firing', body: '{"event":"alert.firing"}' }]);
    await expect.poll(() => hook.received.length).toBe(1);
    const [delivery] = hook.received as [Received];
    expect(signatureHolds(delivery)).toBe(true);
    expect(signatureHolds({ ...delivery, body: '{"event":"alert.resolved"}' })).toBe(false);
    expect(delivery.headers['idempotency-key']).toBe('a1.firing');
    expect(Math.abs(Number(delivery.headers['x-zeropark-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('should retry a failing receiver with backoff and keep the order of its deliveries', async () => {
    const hook = await receiver([500, 503]);
    servers.push(hook.server);
    dispatcherFor([webhook('p1/ops', hook.url)], new WebhookOutbox(join(dir, 'outbox.db'), Date.now())).enqueue([
      { webhook: 'p1/ops', key: 'a1.firing', body: '"first"' },
      { webhook: 'p1/ops', key: 'a1.resolved', body: '"second"' },
    ]);
    await expect.poll(() => hook.received.length).toBe(4);
    // two failures of the first, then the first, then the second: never the second before the first
    expect(hook.received.map((one) => one.body)).toEqual(['"first"', '"first"', '"first"', '"second"']);
    expect(new Set(hook.received.slice(0, 3).map((one) => one.headers['idempotency-key']))).toEqual(new Set(['a1.firing']));
  });

  it('should not let a failing webhook hold up another one', async () => {
    const down = await receiver([500, 500, 500, 500, 500, 500, 500, 500, 500, 500]);
    const up = await receiver();
    servers.push(down.server, up.server);
    dispatcherFor([webhook('p1/down', down.url), webhook('p1/up', up.url)], new WebhookOutbox(join(dir, 'outbox.db'), Date.now())).enqueue([
      { webhook: 'p1/down', key: 'a1.firing', body: '"a"' },
      { webhook: 'p1/up', key: 'a1.firing', body: '"a"' },
    ]);
    await expect.poll(() => up.received.length).toBe(1);
    expect(down.received.length).toBeGreaterThanOrEqual(1);
  });

  it('should send after a restart what it still owed, and queue a transition once however often it is added', async () => {
    const file = join(dir, 'outbox.db');
    const before = new WebhookOutbox(file, Date.now());
    before.add([{ webhook: 'p1/ops', key: 'a1.firing', body: '"owed"' }], Date.now());
    before.add([{ webhook: 'p1/ops', key: 'a1.firing', body: '"owed"' }], Date.now());
    before.close();
    const hook = await receiver();
    servers.push(hook.server);
    dispatcherFor([webhook('p1/ops', hook.url)], new WebhookOutbox(file, Date.now())).start();
    await expect.poll(() => hook.received.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received.map((one) => one.body)).toEqual(['"owed"']);
  });
});
