// The peer of the dashboards phase of `npm run bench:live`: a bare `ws` server that sends the
// same frame to every client once a second, nothing else. Usage: node raw-ws-broadcaster.mjs <port> <frame file>
// Prints "listening" once ready.
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const [port, frameFile] = process.argv.slice(2);
const frame = readFileSync(frameFile, 'utf8');
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(port) });
server.on('listening', () => console.log('listening'));
setInterval(() => {
  for (const client of server.clients) client.send(frame);
}, 1000);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
