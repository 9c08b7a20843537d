// Prints the scrypt hash of a gateway secret for the registry's `secretHash`.
import { hashSecret } from '@zeropark/registry';
import { readCommandLine } from '@zeropark/service-runtime';

const { positionals } = readCommandLine({
  name: 'hash-secret',
  usage: "npm run hash-secret -- '<secret>'   (or the secret on standard input)",
  summary: "Prints the scrypt hash of a gateway secret, the registry's `secretHash` for it.",
  options: {},
  positionals: "<secret>  the gateway's secret, at least 8 characters; after -- when it starts with -",
});
if (positionals.length > 1) {
  console.error(`hash-secret: one secret at a time (${positionals.length} given); quote a secret with spaces`);
  process.exit(2);
}
let secret = positionals[0];
if (secret === undefined) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
if (secret.length < 8) {
  console.error('hash-secret: a gateway secret needs at least 8 characters');
  process.exit(2);
}
console.log(await hashSecret(secret));
