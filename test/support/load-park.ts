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

/** The marker of a load park: one gateway with one meter in its own building, for latency probes. */
export const MARKER = { gateway: 'gw-marker', secret: 'marker-secret', meter: 'MARK', building: 'MK' } as const;

/**
 * A registry for load: `gateways` gateways reading `metersPerGateway` sub-meters each, in
 * building B1, and the marker gateway (MARKER) whose one meter is alone in building MK.
 */
export async function writeLoadPark(dir: string, gateways: number, metersPerGateway: number): Promise<LoadPark> {
  const parkId = 'load-park';
  const list: LoadGateway[] = Array.from({ length: gateways }, (_, g) => ({
    id: `gw${g}`,
    secret: `load-secret-${g}`,
    meters: Array.from({ length: metersPerGateway }, (_, m) => `G${g}-M${m}`),
  }));
  const hashes = await Promise.all(list.map((gateway) => hashSecret(gateway.secret)));
  const markerHash = await hashSecret(MARKER.secret);
  const yaml = [
    `park: { id: ${parkId}, name: Load park, timezone: Asia/Shanghai, gridRegion: east-china }`,
    `buildings: [{ id: B1, name: Hall }, { id: ${MARKER.building}, name: Marker }]`,
    'meters:',
    ...list.flatMap((gateway) => gateway.meters.map((meter) => `  - { id: ${meter}, role: building_submeter, building: B1 }`)),
    `  - { id: ${MARKER.meter}, role: building_submeter, building: ${MARKER.building} }`,
    'gateways:',
    ...list.map((gateway, index) => `  - { id: ${gateway.id}, secretHash: "${hashes[index]}", meters: [${gateway.meters.join(', ')}] }`),
    `  - { id: ${MARKER.gateway}, secretHash: "${markerHash}", meters: [${MARKER.meter}] }`,
    '',
  ].join('\n');
  const registryFile = join(dir, 'load-park.yaml');
  writeFileSync(registryFile, yaml);
  return { parkId, registryFile, gateways: list };
}
