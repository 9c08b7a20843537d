import { floatText } from './line-protocol.js';
import type { CarbonPoint } from './timeseries-store.js';

/** The `carbon` series (DESIGN.md, "Storage"): tags park, building (absent for the park itself) and correction (absent for a minute's own point). */
export const CARBON_MEASUREMENT = 'carbon';
/** Points a restatement replaced, each with its factor version and tag `restated_at` (epoch ms of the restatement). */
export const CARBON_HISTORY_MEASUREMENT = 'carbon_history';

const escapeTag = (value: string): string => value.replace(/[,= \\]/g, (character) => `\\${character}`);
const escapeFieldKey = escapeTag;
const stringField = (value: string): string => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`;

/** One point as a line, millisecond precision; numbers are floats, so a field's type never changes. */
export function carbonLine(point: CarbonPoint, restatedAt?: number): string {
  const building = point.building === null ? '' : `,building=${escapeTag(point.building)}`;
  const correction = point.correction === undefined ? '' : `,correction=${escapeTag(point.correction)}`;
  const tags = `${building}${correction},park=${escapeTag(point.park)}${restatedAt === undefined ? '' : `,restated_at=${restatedAt}`}`;
  const fields = Object.entries(point.fields)
    .filter(([, value]) => Number.isFinite(value))
    .map(([name, value]) => `${escapeFieldKey(name)}=${floatText(value)}`);
  fields.push(`factor_version=${stringField(point.factorVersion)}`);
  return `${restatedAt === undefined ? CARBON_MEASUREMENT : CARBON_HISTORY_MEASUREMENT}${tags} ${fields.join(',')} ${point.ts}`;
}
