import { hashSecret } from '@zeropark/registry';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The park of the ingest's specs, written to `dir`: building B01 with a main meter and a gas
 * meter behind gateway g1 (secret `g1-secret`), and the grid meter behind g2 (`g2-secret`).
 */
export async function writeSpecRegistry(dir: string): Promise<string> {
  const file = join(dir, 'park.yaml');
  writeFileSync(
    file,
    `park: { id: p1, name: Spec park, timezone: Asia/Shanghai, gridRegion: east-china }
buildings: [{ id: B01, name: Hall }]
meters:
  - { id: B01-MAIN, role: building_submeter, building: B01 }
  - { id: B01-GAS, role: gas, building: B01 }
  - { id: GRID, role: grid_import }
gateways:
  - { id: g1, secretHash: "${await hashSecret('g1-secret')}", meters: [B01-MAIN, B01-GAS] }
  - { id: g2, secretHash: "${await hashSecret('g2-secret')}", meters: [GRID] }
`,
  );
  return file;
}
