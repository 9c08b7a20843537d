import { z } from 'zod';
import { acceptedBatchSchema } from './accepted-batch.schema.js';
import { gridIntensitySchema } from './grid-intensity.schema.js';
import { readingBatchSchema } from './reading-batch.schema.js';

/**
 * The JSON Schemas published under `docs/schemas/`, generated from the zod schemas so the
 * two can never disagree. `npm run schemas` writes them; a spec fails when they drift.
 */
export function publishedJsonSchemas(): Record<string, unknown> {
  return {
    'reading-batch.v1.schema.json': {
      ...z.toJSONSchema(readingBatchSchema, { target: 'draft-2020-12' }),
      $id: 'https://zeropark.dev/schemas/reading-batch.v1.schema.json',
      title: 'ZeroPark gateway reading batch, v1',
      description: 'Payload of parks/{parkId}/gateways/{gatewayId}/readings, QoS 1. See docs/gateway-protocol.md.',
    },
    'accepted-batch.v1.schema.json': {
      ...z.toJSONSchema(acceptedBatchSchema, { target: 'draft-2020-12' }),
      $id: 'https://zeropark.dev/schemas/accepted-batch.v1.schema.json',
      title: 'ZeroPark accepted batch on the bus, v1',
      description: 'Payload of zeropark/v1/accepted/{parkId}: normalized and enriched by the ingest.',
    },
    'grid-intensity.v1.schema.json': {
      ...z.toJSONSchema(gridIntensitySchema, { target: 'draft-2020-12', io: 'input' }),
      $id: 'https://zeropark.dev/schemas/grid-intensity.v1.schema.json',
      title: 'ZeroPark live grid intensity, v1',
      description: 'Payload of grids/{region}/intensity, QoS 1, retained, from the feed account: the grid factor for a span of time. See docs/carbon-method.md.',
    },
  };
}

export function renderJsonSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
