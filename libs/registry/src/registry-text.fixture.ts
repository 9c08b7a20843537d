import { parseRegistry } from './parse-registry.js';
import { RegistryError } from './registry-error.js';

export const HASH = 'scrypt$N=16384,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** A valid registry; each case below breaks one line of it. */
export const VALID = `park:
  id: p1
  name: Test park
  timezone: Asia/Shanghai
  gridRegion: east-china
buildings:
  - id: B01
    name: Hall
meters:
  - id: GRID
    role: grid_import
  - id: B01-MAIN
    role: building_submeter
    building: B01
    ratedPowerKw: 500
gateways:
  - id: g1
    secretHash: ${HASH}
    meters: [GRID, B01-MAIN]
`;

export function problemsOf(text: string): string[] {
  try {
    parseRegistry(text, 'park.yaml');
  } catch (error) {
    if (error instanceof RegistryError) return error.message.split('\n').slice(1).map((line) => line.trim());
    throw error;
  }
  throw new Error('the registry was accepted');
}
