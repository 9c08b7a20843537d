import type { InfluxdbServer } from '@zeropark/test-servers';

/**
 * `meter@ts` → `power_kw` of every point of the `reading` series of a park in InfluxDB, meter by
 * meter (InfluxDB would merge two writes of one key, so a count per key cannot exceed one: what
 * can go wrong is a missing key or a wrong value).
 */
export async function storedReadings(influx: InfluxdbServer, database: string, park: string, meters: string[]): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  for (const meter of meters) {
    const answer = await influx.query(`SELECT power_kw FROM reading WHERE park = '${park}' AND meter = '${meter}'`, database);
    for (const [time, value] of answer.results[0]?.series?.[0]?.values ?? []) stored.set(`${meter}@${String(time)}`, Number(value));
  }
  return stored;
}

/** What the test reports when a promise was broken: how many, and a few of them. */
export function missingFrom(stored: Map<string, number>, acknowledged: Set<string>): string[] {
  return [...acknowledged].filter((key) => !stored.has(key));
}
