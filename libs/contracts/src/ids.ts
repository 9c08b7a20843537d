import { z } from 'zod';

/** Park, gateway, building and meter ids: docs/gateway-protocol.md. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'must start with a letter or digit and hold only letters, digits, "_" and "-" (at most 64)');

export type Id = z.infer<typeof idSchema>;
