// Prints the scrypt hash of a gateway secret for the registry's `secretHash`.
// Usage: npm run hash-secret -- 'the secret'   (or pipe the secret on standard input)
import { hashSecret } from '@zeropark/registry';

let secret = process.argv[2];
if (secret === undefined) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
if (secret.length < 8) {
  console.error('a gateway secret needs at least 8 characters');
  process.exit(2);
}
console.log(await hashSecret(secret));
