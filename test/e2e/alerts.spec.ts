import type { Alert } from '@zeropark/contracts';
import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLivePlatform, type LivePlatform, type LiveSocket } from '../support/live-platform.js';
import { waitUntil } from '../support/wait-until.js';

const WEBHOOK_SECRET = 'the-webhook-secret-of-the-alert-suite';
/** The example park's b01-overload rule, its duration shortened from 1 min for the suite. */
const DURATION_MS = 4000;

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  json: { key: string; event: string; alert: Alert };
}

/** A real webhook receiver: it records what arrives and answers 200. */
async function webhookReceiver(): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body, json: JSON.parse(body) as Delivery['json'] });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zeropark`, deliveries, server };
}

/** What docs/alerts.md tells a receiver to do: HMAC-SHA256 over `{timestamp}.{body}`, compared in constant time, the timestamp fresh. */
function verified(delivery: Delivery): boolean {
  const timestamp = Number(delivery.headers['x-zeropark-timestamp']);
  const expected = Buffer.from(`v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${delivery.body}`).digest('hex')}`);
  const given = Buffer.from(String(delivery.headers['x-zeropark-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - timestamp) < 300;
}

describe('alerts through the whole path: MQTT → ingest → carbon → Socket.IO and a signed webhook', () => {
  let influx: InfluxdbServer;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let platform: LivePlatform;
  let operator: LiveSocket;
  const received: Alert[] = [];
  /** B01's power the publisher sends each half second. */
  let b01Kw = 500;
  let seq = 0;
  let publisher: NodeJS.Timeout | undefined;

  const overloads = () => received.filter((alert) => alert.rule === 'b01-overload');

  beforeAll(async () => {
    influx = await startInfluxdb();
    receiver = await webhookReceiver();
    platform = await startLivePlatform(influx, 'alerts_e2e', {
      editRegistry: (text) =>
        text
          .replace('      for: 1m\n', `      for: ${DURATION_MS / 1000}s\n`)
          .replace('  # webhooks:\n', `  webhooks:\n    - { id: ops, url: "${receiver.url}", secretEnv: ZP_WEBHOOK_OPS_SECRET, rules: [b01-overload] }\n`),
      carbonEnv: { ZP_WEBHOOK_OPS_SECRET: WEBHOOK_SECRET, CARBON_ALERT_EVALUATE_MS: '200' },
    });
    operator = await platform.socket('operator');
    operator.on('alert', (alert) => received.push(alert));
    const joined = await operator.emitWithAck('alerts:join', 'demo-park');
    expect(joined).toMatchObject({ ok: true });
    const publish = () => platform.publish('gw-b01', (seq += 1), [{ meter: 'B01-MAIN', ts: Date.now(), values: { power_kw: b01Kw } }]).catch(() => undefined);
    await publish();
    publisher = setInterval(() => void publish(), 500);
  });

  afterAll(async () => {
    clearInterval(publisher);
    await platform?.stop();
    receiver?.server.close();
    await influx?.stop();
  });

  it('should fire once B01 has stayed above 1000 kW for the duration, not before', async () => {
    const breachFrom = Date.now();
    b01Kw = 1200;
    const [firing] = await waitUntil(overloads, (alerts) => alerts.length > 0, 20_000, 'the b01-overload alert over Socket.IO');
    expect(firing).toMatchObject({ rule: 'b01-overload', state: 'firing', severity: 'major', subject: { kind: 'building', id: 'B01' }, value: 1200 });
    // the first reading above 1000 kW reached the service after breachFrom; the alert waited the full duration after it
    expect(firing!.firedAt - breachFrom).toBeGreaterThanOrEqual(DURATION_MS);
  });

  it('should deliver one signed webhook for the firing', async () => {
    const [delivery] = await waitUntil(() => receiver.deliveries, (all) => all.length > 0, 10_000, 'the firing webhook');
    expect(verified(delivery!)).toBe(true);
    expect(verified({ ...delivery!, body: delivery!.body.replace('firing', 'resolved') })).toBe(false);
    expect(delivery!.json).toMatchObject({ event: 'alert.firing', alert: { id: overloads()[0]?.id } });
    expect(delivery!.headers['idempotency-key']).toBe(`${overloads()[0]?.id}.firing`);
  });

  it("should refuse a viewer's acknowledgement over WebSocket and REST, and take an operator's", async () => {
    const alertId = overloads()[0]!.id;
    const viewer = await platform.socket('viewer');
    expect(await viewer.emitWithAck('alert:acknowledge', 'demo-park', alertId)).toEqual({ ok: false, reason: 'acknowledging needs the operator role; your token has viewer' });
    viewer.close();
    const refused = await platform.request(`/parks/demo-park/alerts/${alertId}/acknowledge`, { method: 'POST', role: 'viewer' });
    expect(refused.status).toBe(403);

    const accepted = await platform.request(`/parks/demo-park/alerts/${alertId}/acknowledge`, { method: 'POST', role: 'operator' });
    expect(accepted).toMatchObject({ status: 200, body: { id: alertId, state: 'acknowledged' } });
    expect((accepted.body as Alert).transitions.at(-1)).toMatchObject({ from: 'firing', to: 'acknowledged', by: 'live-suite-operator' });
    await waitUntil(overloads, (alerts) => alerts.at(-1)?.state === 'acknowledged', 5000, 'the acknowledgement over Socket.IO');
    expect(await operator.emitWithAck('alert:acknowledge', 'demo-park', alertId)).toEqual({ ok: false, reason: `alert "${alertId}" is already acknowledged` });
  });

  it('should keep the alert, acknowledged and not raised again, across a restart of both services', async () => {
    const alertId = overloads()[0]!.id;
    operator.close();
    await platform.restartIngest('SIGKILL');
    await platform.restartCarbon('SIGKILL');
    operator = await platform.socket('operator');
    operator.on('alert', (alert) => received.push(alert));
    const joined = await operator.emitWithAck('alerts:join', 'demo-park');
    expect(joined.ok && joined.alerts.filter((alert) => alert.rule === 'b01-overload').map((alert) => [alert.id, alert.state])).toEqual([[alertId, 'acknowledged']]);
    // still above 1000 kW for longer than the duration after the restart: no second alert
    await new Promise((resolve) => setTimeout(resolve, DURATION_MS + 2000));
    const listed = await platform.api<{ alerts: Alert[] }>('/parks/demo-park/alerts?severity=major');
    expect(listed.alerts.filter((alert) => alert.rule === 'b01-overload').map((alert) => [alert.id, alert.state])).toEqual([[alertId, 'acknowledged']]);
    expect(overloads().filter((alert) => alert.state === 'firing').map((alert) => alert.id)).toEqual([alertId]);
  });

  it('should resolve by itself below 900 kW, stored and told once to each', async () => {
    const alertId = overloads()[0]!.id;
    b01Kw = 950; // between the clear level and the threshold: still open
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(overloads().at(-1)?.state).toBe('acknowledged');
    b01Kw = 850;
    const resolved = await waitUntil(overloads, (alerts) => alerts.at(-1)?.state === 'resolved', 10_000, 'the resolution over Socket.IO');
    expect(resolved.at(-1)?.transitions.map((step) => step.to)).toEqual(['firing', 'acknowledged', 'resolved']);
    const listed = await platform.api<{ alerts: Alert[] }>('/parks/demo-park/alerts?state=resolved');
    expect(listed.alerts.find((alert) => alert.id === alertId)?.state).toBe('resolved');
    // the receiver saw each transition exactly once, all signed
    await waitUntil(() => receiver.deliveries, (all) => all.some((delivery) => delivery.json.event === 'alert.resolved'), 10_000, 'the resolved webhook');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.deliveries.map((delivery) => delivery.headers['idempotency-key'])).toEqual([`${alertId}.firing`, `${alertId}.acknowledged`, `${alertId}.resolved`]);
    expect(receiver.deliveries.every(verified)).toBe(true);
  });

  it('should refuse a viewer muting a rule, and mute it for an operator', async () => {
    expect((await platform.request('/parks/demo-park/alert-rules/b01-overload/mute', { method: 'PUT', role: 'viewer', body: { minutes: 30, reason: 'feeder work' } })).status).toBe(403);
    const muted = await platform.request('/parks/demo-park/alert-rules/b01-overload/mute', { method: 'PUT', role: 'operator', body: { minutes: 30, reason: 'feeder work' } });
    expect(muted).toMatchObject({ status: 200, body: { rule: 'b01-overload', by: 'live-suite-operator', reason: 'feeder work' } });
    const rules = await platform.api<{ rules: { rule: { id: string }; mutedUntil: number | null }[] }>('/parks/demo-park/alert-rules');
    expect(rules.rules.find((entry) => entry.rule.id === 'b01-overload')?.mutedUntil).toBe((muted.body as { until: number }).until);
    expect((await platform.request('/parks/demo-park/alert-rules/b01-overload/mute', { method: 'PUT', role: 'operator', body: { minutes: 0 } })).status).toBe(400);
  });

  it('should describe the alert routes in the OpenAPI document', async () => {
    const openApi = (await fetch(`http://127.0.0.1:${platform.carbonPort}/api/docs-json`).then((response) => response.json())) as { paths: Record<string, unknown> };
    expect(Object.keys(openApi.paths)).toEqual(
      expect.arrayContaining(['/api/parks/{parkId}/alerts', '/api/parks/{parkId}/alerts/{alertId}/acknowledge', '/api/parks/{parkId}/alert-rules', '/api/parks/{parkId}/alert-rules/{ruleId}/mute']),
    );
  });
});
