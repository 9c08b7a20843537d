// The peer of the dashboards phase of `npm run bench:live`: a bare `ws` server that sends the
// same frame to every client once a second and, when given a heartbeat interval, pings every
// client that often and drops those that did not answer the ping before, as ws's README shows a
// server detecting broken connections (Socket.IO's server does the same with its own ping and
// pong, every 25 s by default). Nothing else.
// Usage: node raw-ws-broadcaster.mjs <port> <frame file> [heartbeat ms, 0 for none]
// Prints "listening" once ready.
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const [port, frameFile, heartbeat = '0'] = process.argv.slice(2);
// the frame's bytes, made once: sent as a string, ws would encode it again for every client, where
// Socket.IO encodes (and frames) a broadcast once
const frame = readFileSync(frameFile);
const heartbeatMs = Number(heartbeat);
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(port) });
const alive = new WeakSet();
server.on('listening', () => console.log('listening'));
server.on('connection', (client) => {
  alive.add(client);
  client.on('pong', () => alive.add(client));
});
setInterval(() => {
  for (const client of server.clients) client.send(frame, { binary: false });
}, 1000);
if (heartbeatMs > 0) {
  setInterval(() => {
    for (const client of server.clients) {
      if (!alive.delete(client)) {
        client.terminate();
        continue;
      }
      client.ping();
    }
  }, heartbeatMs);
}
process.on('SIGTERM', () => server.close(() => process.exit(0)));
