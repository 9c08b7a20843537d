import { z } from 'zod';
import { idSchema } from './ids.js';
import { QUANTITY_NAMES, type Quantity } from './quantities.js';
import { timestampSchema } from './timestamp.js';

/** Payload v1 of `parks/{park}/gateways/{gateway}/readings` (docs/gateway-protocol.md). */

const quantityValueSchema = z.number({ error: 'must be a finite number' });

const valuesShape = Object.fromEntries(
  QUANTITY_NAMES.map((name) => [name, quantityValueSchema.optional()]),
) as Record<Quantity, z.ZodOptional<typeof quantityValueSchema>>;

export const quantityValuesSchema = z
  .strictObject(valuesShape)
  .refine((values) => Object.keys(values).length > 0, { message: 'holds no quantity' });

export const readingSchema = z.strictObject({
  meter: idSchema,
  ts: timestampSchema,
  values: quantityValuesSchema,
});

export const READING_BATCH_VERSION = 1;

/** The envelope alone: checked first, so one bad reading does not sink its neighbours. */
export const readingBatchEnvelopeSchema = z.strictObject({
  v: z.literal(READING_BATCH_VERSION, { error: `must be ${READING_BATCH_VERSION}, the payload version` }),
  seq: z.number().int().min(0, 'must be a whole number ≥ 0'),
  readings: z.array(z.unknown()).min(1, 'is empty: a batch holds at least one reading'),
});

/** The whole batch, as published in JSON Schema (docs/schemas/reading-batch.v1.schema.json). */
export const readingBatchSchema = readingBatchEnvelopeSchema.extend({
  readings: z.array(readingSchema).min(1),
});

export type Reading = z.infer<typeof readingSchema>;
export type ReadingBatch = z.infer<typeof readingBatchSchema>;
