import { z } from 'zod';
import { idSchema } from './ids.js';
import { timestampSchema, toEpochMilliseconds } from './timestamp.js';

/**
 * A live grid-intensity feed (docs/carbon-method.md, §4: a live feed overrides the
 * grid factor for the span it gives): `grids/{region}/intensity`, QoS 1, retained, published by the feed
 * account (FEED_USERNAME) only. Each message gives the grid's kg CO₂/kWh for a span of time;
 * while one is valid it wins over the registry and the table, and every figure it made says so
 * in its factor version (`+live`).
 */
export const GRID_INTENSITY_TOPIC_FILTER = 'grids/+/intensity';
export const FEED_USERNAME = 'zeropark-feed';

export function gridIntensityTopic(region: string): string {
  return `grids/${region}/intensity`;
}

/** The region of a `grids/{region}/intensity` topic, or undefined for any other topic. */
export function parseGridIntensityTopic(topic: string): string | undefined {
  const match = /^grids\/([^/]+)\/intensity$/.exec(topic);
  return match !== null && idSchema.safeParse(match[1]).success ? match[1] : undefined;
}

export const gridIntensitySchema = z
  .strictObject({
    v: z.literal(1),
    kgCo2PerKwh: z.number().min(0).max(2, 'is above 2 kg CO₂/kWh: a value in g/kWh? send kg/kWh'),
    from: timestampSchema,
    to: timestampSchema,
    source: z.string().min(1).max(200),
  })
  .refine((message) => toEpochMilliseconds(message.to) > toEpochMilliseconds(message.from), { message: 'must be after from', path: ['to'] });

export type GridIntensity = z.infer<typeof gridIntensitySchema>;
