import { z } from 'zod';
import { idSchema } from './ids.js';
import { carrierSchema, meterRoleSchema } from './meter-kinds.js';
import { quantityValuesSchema, READING_BATCH_VERSION } from './reading-batch.schema.js';

/**
 * What the ingest publishes on `zeropark/v1/accepted/{park}` for each accepted batch:
 * normalized (timestamps in epoch ms) and enriched from the registry (docs/architecture.md, "The bus").
 */
export const acceptedReadingSchema = z.strictObject({
  meter: idSchema,
  building: idSchema.nullable(),
  role: meterRoleSchema,
  carrier: carrierSchema,
  ts: z.number().int(),
  values: quantityValuesSchema,
});

export const acceptedBatchSchema = z.strictObject({
  v: z.literal(READING_BATCH_VERSION),
  park: idSchema,
  gateway: idSchema,
  seq: z.number().int().min(0),
  receivedAt: z.number().int(),
  readings: z.array(acceptedReadingSchema),
});

export type AcceptedReading = z.infer<typeof acceptedReadingSchema>;
export type AcceptedBatch = z.infer<typeof acceptedBatchSchema>;
