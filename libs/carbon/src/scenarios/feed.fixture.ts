import type { AcceptedReading, ParkTopology } from '@zeropark/contracts';
import { ParkLedger } from '../park-ledger.js';
import { reading } from '../test-park.fixture.js';

/** A ledger for `park`, fed `[meter, ts, values]` rows in the order given. */
export function ledgerFed(park: ParkTopology, rows: readonly [string, number, AcceptedReading['values']][]): ParkLedger {
  const ledger = new ParkLedger(park);
  for (const [meter, ts, values] of rows) ledger.apply(reading(meter, ts, values, park));
  return ledger;
}
