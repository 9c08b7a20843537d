import type { AcceptedReading } from './accepted-batch.schema.js';
import { epochMillisecondsText } from './epoch-milliseconds-text.js';

/**
 * The JSON text of accepted readings, the `readings` of an `AcceptedBatch`, as the ingest writes
 * it once per batch for its journal and the bus. It parses to what `JSON.stringify` would give
 * (quantities in the order of `QUANTITIES`), for less: a meter's
 * `{"meter":…,"building":…,"role":…,"carrier":…,"ts":` is the same in every reading, so it is
 * written once per meter and kept, where `JSON.stringify` checks every character of it for
 * escapes, and the time is written by `epochMillisecondsText`. Quantities must be finite
 * numbers, as the ingest's checks make them: JSON has no NaN or Infinity.
 */
export class AcceptedReadingsJson {
  private readonly parks = new Map<string, Map<string, MeterHead>>();

  text(park: string, readings: readonly AcceptedReading[]): string {
    let meters = this.parks.get(park);
    if (meters === undefined) this.parks.set(park, (meters = new Map()));
    let text = '[';
    for (let index = 0; index < readings.length; index += 1) {
      const reading = readings[index] as AcceptedReading;
      let head = meters.get(reading.meter);
      if (head === undefined || head.building !== reading.building || head.role !== reading.role || head.carrier !== reading.carrier) {
        head = headOf(reading);
        meters.set(reading.meter, head);
      }
      text += `${index === 0 ? '' : ','}${head.text}${epochMillisecondsText(reading.ts)},"values":{${valuesText(reading.values)}}}`;
    }
    return `${text}]`;
  }
}

interface MeterHead {
  building: string | null;
  role: string;
  carrier: string;
  text: string;
}

function headOf({ meter, building, role, carrier }: AcceptedReading): MeterHead {
  const text = `{"meter":${JSON.stringify(meter)},"building":${JSON.stringify(building)},"role":${JSON.stringify(role)},"carrier":${JSON.stringify(carrier)},"ts":`;
  return { building, role, carrier, text };
}

/** One named read per quantity: the values' shapes vary by meter, and a read by a varying key is slow. */
function valuesText(values: AcceptedReading['values']): string {
  let text = '';
  if (values.energy_import_kwh !== undefined) text += `,"energy_import_kwh":${values.energy_import_kwh}`;
  if (values.energy_export_kwh !== undefined) text += `,"energy_export_kwh":${values.energy_export_kwh}`;
  if (values.power_kw !== undefined) text += `,"power_kw":${values.power_kw}`;
  if (values.gas_m3 !== undefined) text += `,"gas_m3":${values.gas_m3}`;
  if (values.heat_gj !== undefined) text += `,"heat_gj":${values.heat_gj}`;
  if (values.diesel_l !== undefined) text += `,"diesel_l":${values.diesel_l}`;
  return text.slice(1);
}
