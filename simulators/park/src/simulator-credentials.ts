import { idSchema } from '@zeropark/contracts';
import { RegistryError } from '@zeropark/registry';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const credentialsSchema = z.strictObject({
  registry: z.string().min(1),
  gateways: z.array(z.strictObject({ id: idSchema, secret: z.string().min(8) })).min(1),
});

export interface SimulatorCredentials {
  /** The registry file, resolved against the credentials file's folder. */
  registryFile: string;
  gateways: { id: string; secret: string }[];
}

/** The gateways the simulator plays, with their secrets (development only). */
export async function loadSimulatorCredentials(file: string): Promise<SimulatorCredentials> {
  const parsed = credentialsSchema.safeParse(parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new RegistryError(parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.'), reason: issue.message })));
  }
  return { registryFile: resolve(dirname(file), parsed.data.registry), gateways: parsed.data.gateways };
}
