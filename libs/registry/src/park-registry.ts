import type { MeterTopology, ParkTopology } from '@zeropark/contracts';
import type { ParkAlerting } from './alerting.js';

export interface GatewayAccount {
  id: string;
  parkId: string;
  secretHash: string;
  /** Meters this gateway may report; a reading for any other meter is refused. */
  meters: ReadonlySet<string>;
}

/** One park's registry, checked: its topology, and the gateways allowed to speak for it. */
export interface ParkRegistry {
  topology: ParkTopology;
  gateways: ReadonlyMap<string, GatewayAccount>;
  meters: ReadonlyMap<string, MeterTopology>;
  /** Its alert rules and webhooks. */
  alerting: ParkAlerting;
}
