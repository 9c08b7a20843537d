import { readFile } from 'node:fs/promises';
import type { ParkRegistry } from './park-registry.js';
import { parseRegistry } from './parse-registry.js';
import { RegistryError } from './registry-error.js';

/** Reads and checks one park's registry file. Fails with a `RegistryError` naming each problem. */
export async function loadRegistryFile(file: string): Promise<ParkRegistry> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RegistryError([{ file, path: '', reason: `cannot read the file: ${(error as Error).message}` }]);
  }
  return parseRegistry(text, file);
}

/** Several parks, one file each; a park id may appear only once. */
export async function loadRegistries(files: readonly string[]): Promise<Map<string, ParkRegistry>> {
  const parks = new Map<string, ParkRegistry>();
  for (const file of files) {
    const registry = await loadRegistryFile(file);
    const id = registry.topology.park.id;
    if (parks.has(id)) throw new RegistryError([{ file, path: 'park.id', reason: `park "${id}" is already defined by another registry file` }]);
    parks.set(id, registry);
  }
  return parks;
}
