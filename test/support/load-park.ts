import { hashSecret } from '@zeropark/registry';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoadGateway {
  id: string;
  secret: string;
  meters: string[];
}

export interface LoadPark {
  parkId: string;
  registryFile: string;
  gateways: LoadGateway[];
}

/** A registry for load: `gateways` gateways reading `metersPerGateway` sub-meters each. */
export async function writeLoadPark(dir: string, gateways: number, metersPerGateway: number): Promise<LoadPark> {
  const parkId = 'load-park';
  const list: LoadGateway[] = Array.from({ length: gateways }, (_, g) => ({
    id: `gw${g}`,
    secret: `load-secret-${g}`,
    meters: Array.from({ length: metersPerGateway }, (_, m) => `G${g}-M${m}`),
  }));
  const hashes = await Promise.all(list.map((gateway) => hashSecret(gateway.secret)));
  const yaml = [
    `park: { id: ${parkId}, name: Load park, timezone: Asia/Shanghai, gridRegion: east-china }`,
    'buildings: [{ id: B1, name: Hall }]',
    'meters:',
    ...list.flatMap((gateway) => gateway.meters.map((meter) => `  - { id: ${meter}, role: building_submeter, building: B1 }`)),
    'gateways:',
    ...list.map((gateway, index) => `  - { id: ${gateway.id}, secretHash: "${hashes[index]}", meters: [${gateway.meters.join(', ')}] }`),
    '',
  ].join('\n');
  const registryFile = join(dir, 'load-park.yaml');
  writeFileSync(registryFile, yaml);
  return { parkId, registryFile, gateways: list };
}
