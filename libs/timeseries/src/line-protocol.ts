import { QUANTITY_NAMES } from '@zeropark/contracts';
import type { ReadingPoint } from './timeseries-store.js';

/** The `reading` series in InfluxDB line protocol, millisecond precision (DESIGN.md, "Storage"). */
export const READING_MEASUREMENT = 'reading';

/** Tag values escape commas, spaces and equals signs (InfluxDB line protocol). */
function escapeTag(value: string): string {
  return value.replace(/[,= \\]/g, (character) => `\\${character}`);
}

/**
 * One point as a line: `reading,park=…,building=…,meter=…,role=…,carrier=… field=value,… ts`.
 * Tags in sorted key order (what InfluxDB stores anyway, and cheaper for it to index); a point
 * with no building has no building tag, since InfluxDB tags cannot be empty. Fields are always
 * floats, so a field's type never changes between writes.
 */
export function readingToLine(point: ReadingPoint): string {
  let tags = `${READING_MEASUREMENT}`;
  if (point.building !== null) tags += `,building=${escapeTag(point.building)}`;
  tags += `,carrier=${escapeTag(point.carrier)},meter=${escapeTag(point.meter)},park=${escapeTag(point.park)},role=${escapeTag(point.role)}`;
  const fields: string[] = [];
  for (const name of QUANTITY_NAMES) {
    const value = point.values[name];
    if (value !== undefined) fields.push(`${name}=${floatText(value)}`);
  }
  return `${tags} ${fields.join(',')} ${point.ts}`;
}

/** A float as line protocol reads it; a whole number gets no `i` suffix, so it stays a float. */
function floatText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : String(value);
}
