import { epochMillisecondsText, type AcceptedReading } from '@zeropark/contracts';

/** The `reading` series in InfluxDB line protocol, millisecond precision (docs/architecture.md, "Storage"). */
export const READING_MEASUREMENT = 'reading';

/** Tag values escape commas, spaces and equals signs (InfluxDB line protocol). */
function escapeTag(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[,= \\]/g, (character) => `\\${character}`) : value;
}

const NEEDS_ESCAPE = /[,= \\]/;

/**
 * The series key of a reading: `reading,building=…,carrier=…,meter=…,park=…,role=…`. Tags in
 * sorted key order (what InfluxDB stores anyway); a meter with no building has no building tag,
 * since InfluxDB tags cannot be empty.
 */
export function seriesKey(park: string, reading: AcceptedReading): string {
  let key = READING_MEASUREMENT;
  if (reading.building !== null) key += `,building=${escapeTag(reading.building)}`;
  return `${key},carrier=${escapeTag(reading.carrier)},meter=${escapeTag(reading.meter)},park=${escapeTag(park)},role=${escapeTag(reading.role)}`;
}

/**
 * Lines of readings, `series-key field=value,… ts`. The series key of a meter is the same for
 * every reading, so it is made once per meter and kept (the line protocol is the ingest's hot
 * path). Fields are always floats, so a field's type never changes between writes.
 */
export class LineProtocolWriter {
  private readonly parks = new Map<string, Map<string, { key: string; building: string | null; role: string; carrier: string }>>();

  line(park: string, reading: AcceptedReading): string {
    let meters = this.parks.get(park);
    if (meters === undefined) this.parks.set(park, (meters = new Map()));
    let cached = meters.get(reading.meter);
    if (cached === undefined || cached.building !== reading.building || cached.role !== reading.role || cached.carrier !== reading.carrier) {
      cached = { key: seriesKey(park, reading), building: reading.building, role: reading.role, carrier: reading.carrier };
      meters.set(reading.meter, cached);
    }
    return `${cached.key} ${fieldsText(reading.values)} ${epochMillisecondsText(reading.ts)}`;
  }
}

/** One named read per quantity: the values' shapes vary by meter, and a read by a varying key is slow. */
function fieldsText(values: AcceptedReading['values']): string {
  let fields = '';
  if (values.energy_import_kwh !== undefined) fields += `,energy_import_kwh=${floatText(values.energy_import_kwh)}`;
  if (values.energy_export_kwh !== undefined) fields += `,energy_export_kwh=${floatText(values.energy_export_kwh)}`;
  if (values.power_kw !== undefined) fields += `,power_kw=${floatText(values.power_kw)}`;
  if (values.gas_m3 !== undefined) fields += `,gas_m3=${floatText(values.gas_m3)}`;
  if (values.heat_gj !== undefined) fields += `,heat_gj=${floatText(values.heat_gj)}`;
  if (values.diesel_l !== undefined) fields += `,diesel_l=${floatText(values.diesel_l)}`;
  return fields.slice(1);
}

/** One point as a line. */
export function readingToLine(point: AcceptedReading & { park: string }): string {
  return new LineProtocolWriter().line(point.park, point);
}

/** A float as line protocol reads it; a whole number gets no `i` suffix, so it stays a float. */
export function floatText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : String(value);
}
