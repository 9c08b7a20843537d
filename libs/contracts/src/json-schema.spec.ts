import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedJsonSchemas, renderJsonSchema } from './json-schema.js';

const docsSchemas = join(import.meta.dirname, '../../../docs/schemas');

describe('published JSON Schemas', () => {
  for (const [name, schema] of Object.entries(publishedJsonSchemas())) {
    it(`docs/schemas/${name} matches the zod schema (run \`npm run schemas\` after changing it)`, () => {
      expect(readFileSync(join(docsSchemas, name), 'utf8')).toBe(renderJsonSchema(schema));
    });
  }

  it('forbids unknown quantities, so a typo in a field name is refused, not ignored', () => {
    const schema = publishedJsonSchemas()['reading-batch.v1.schema.json'] as {
      properties: { readings: { items: { properties: { values: { additionalProperties: boolean } } } } };
    };
    expect(schema.properties.readings.items.properties.values.additionalProperties).toBe(false);
  });
});
