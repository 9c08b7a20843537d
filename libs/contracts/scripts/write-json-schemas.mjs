// Writes the published JSON Schemas from the built contracts: `npm run schemas` at the top.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedJsonSchemas, renderJsonSchema } from '../dist/index.js';

const target = join(import.meta.dirname, '../../../docs/schemas');
mkdirSync(target, { recursive: true });
for (const [name, schema] of Object.entries(publishedJsonSchemas())) {
  writeFileSync(join(target, name), renderJsonSchema(schema));
  console.log(`wrote docs/schemas/${name}`);
}
