// Writes the published JSON Schemas from the built contracts: `npm run schemas` at the top.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine, publishedJsonSchemas, renderJsonSchema } from '../dist/index.js';

// the contracts' own parser, printed here: @zeropark/service-runtime's readCommandLine depends on this lib
const line = parseCommandLine(
  { name: 'schemas', usage: 'npm run schemas', summary: 'Rewrites the JSON Schemas in docs/schemas from the built contracts (run it after a payload change).', options: {} },
  process.argv.slice(2),
);
if (line.kind === 'help') process.stdout.write(line.text);
if (line.kind === 'refused') process.stderr.write(`${line.line}\n`);
if (line.kind !== 'run') process.exit(line.kind === 'help' ? 0 : 2);

const target = join(import.meta.dirname, '../../../docs/schemas');
mkdirSync(target, { recursive: true });
for (const [name, schema] of Object.entries(publishedJsonSchemas())) {
  writeFileSync(join(target, name), renderJsonSchema(schema));
  console.log(`wrote docs/schemas/${name}`);
}
