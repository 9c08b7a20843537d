import type { AlertRecord } from '@zeropark/contracts';
import { alertRecordColumns, alertRecordKey } from './alert-records.js';
import { floatText } from './line-protocol.js';
import type { CarbonPoint } from './timeseries-store.js';

/** The `carbon` series (docs/architecture.md, "Storage"): tags park, building (absent for the park itself) and correction (absent for a minute's own point). */
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

/** The `alert` series: every lifecycle transition and every mute, tags park, alert_id, state. */
export const ALERT_MEASUREMENT = 'alert';

/** One record as a line: readable columns beside the whole record as JSON. */
export function alertLine(record: AlertRecord): string {
  const key = alertRecordKey(record);
  const columns = alertRecordColumns(record);
  const fields = [
    `rule=${stringField(columns.rule)}`,
    `severity=${stringField(columns.severity)}`,
    `subject=${stringField(columns.subject)}`,
    `by=${stringField(columns.by)}`,
    `message=${stringField(columns.message)}`,
    `record=${stringField(JSON.stringify(record))}`,
  ];
  return `${ALERT_MEASUREMENT},alert_id=${escapeTag(key.alertId)},park=${escapeTag(key.park)},state=${escapeTag(key.state)} ${fields.join(',')} ${key.at}`;
}
