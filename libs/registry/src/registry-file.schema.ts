import { carrierSchema, idSchema, meterRoleSchema } from '@zeropark/contracts';
import { z } from 'zod';
import { SECRET_HASH_PATTERN } from './secret-hash.js';

/** The YAML registry of one park, as written by people: unknown keys are typos, not extras. */

const timezoneSchema = z.string().refine(isKnownTimezone, { message: 'is not an IANA time zone such as "Asia/Shanghai"' });

export const registryFileSchema = z.strictObject({
  park: z.strictObject({
    id: idSchema,
    name: z.string().min(1),
    timezone: timezoneSchema,
    gridRegion: idSchema,
  }),
  buildings: z.array(z.strictObject({ id: idSchema, name: z.string().min(1) })).min(1),
  meters: z
    .array(
      z.strictObject({
        id: idSchema,
        role: meterRoleSchema,
        /** Optional; must agree with the role when given. */
        carrier: carrierSchema.optional(),
        building: idSchema.optional(),
        ratedPowerKw: z.number().positive().optional(),
      }),
    )
    .min(1),
  gateways: z
    .array(
      z.strictObject({
        id: idSchema,
        secretHash: z.string().regex(SECRET_HASH_PATTERN, 'is not a scrypt hash: make one with `npm run hash-secret`'),
        meters: z.array(idSchema).min(1),
      }),
    )
    .min(1),
});

export type RegistryFile = z.infer<typeof registryFileSchema>;

function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
