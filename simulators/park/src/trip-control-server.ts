import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRIP_KINDS, type AlertTrips, type TripOutcome } from './alert-trips.js';

/**
 * A small HTTP control on loopback: `POST /trips/{kind}/{target}` starts a trip,
 * `DELETE /trips/{kind}/{target}` ends it, `GET /trips` lists the running ones and the kinds.
 */
export async function startTripControl(trips: AlertTrips, host: string, port: number, clock: () => number, onChange: (outcome: TripOutcome, action: 'start' | 'end') => void): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.method === 'GET' && path === '/trips') return answer(200, { running: trips.list(), kinds: TRIP_KINDS });
    const match = /^\/trips\/([^/]+)\/([^/]+)$/.exec(path);
    if (match === null || (request.method !== 'POST' && request.method !== 'DELETE')) {
      return answer(404, { error: 'POST or DELETE /trips/{kind}/{target}, or GET /trips' });
    }
    const [, kind = '', target = ''] = match.map(decodeURIComponent);
    const action = request.method === 'POST' ? 'start' : 'end';
    const outcome = action === 'start' ? trips.start(kind, target, clock()) : trips.end(kind, target);
    onChange(outcome, action);
    return outcome.ok ? answer(200, { [action === 'start' ? 'started' : 'ended']: outcome.trip }) : answer(outcome.status, { error: outcome.reason });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}
