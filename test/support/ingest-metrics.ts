/** One figure of a service's /metrics (the ingest's, or the carbon service's: the same format), or NaN when it is not there. */
export async function ingestMetric(httpPort: number, name: string, metricsToken?: string): Promise<number> {
  const text = await metricsText(httpPort, metricsToken);
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

/** A Prometheus histogram's cumulative buckets: how many observations were at most `le` (seconds), `le` rising, the last +Inf. */
export type HistogramBuckets = { le: number; count: number }[];

/** The buckets of a histogram of a service's /metrics (one without labels). */
export async function serviceHistogram(httpPort: number, name: string): Promise<HistogramBuckets> {
  const text = await metricsText(httpPort);
  return [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, 'gm'))].map((match) => ({ le: match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]), count: Number(match[2]) }));
}

/**
 * What a histogram observed between two scrapes: how many, the smallest bucket bound holding 99 %
 * of them, and the smallest holding all (Infinity when some were beyond the last bound).
 */
export function histogramBetween(before: HistogramBuckets, after: HistogramBuckets): { count: number; p99AtMost: number; maxAtMost: number } {
  const buckets = after.map((bucket, index) => ({ le: bucket.le, count: bucket.count - (before[index]?.count ?? 0) }));
  const count = buckets.at(-1)?.count ?? 0;
  const atMost = (share: number) => buckets.find((bucket) => bucket.count >= share * count)?.le ?? Number.POSITIVE_INFINITY;
  return { count, p99AtMost: atMost(0.99), maxAtMost: atMost(1) };
}

/** Readings the ingest refused, whatever the reason (the sum of `zeropark_ingest_readings_rejected_total` over its reasons). */
export async function ingestReadingsRejected(httpPort: number): Promise<number> {
  const text = await metricsText(httpPort);
  return [...text.matchAll(/^zeropark_ingest_readings_rejected_total\{[^}]*\} (\S+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Waits until the ingest's journal is empty: every accepted reading confirmed by the store. */
export async function journalDrained(httpPort: number, timeoutMs = 60_000, metricsToken?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await ingestMetric(httpPort, 'zeropark_ingest_journal_readings', metricsToken)) !== 0) {
    if (Date.now() > deadline) throw new Error(`the ingest's journal did not drain within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `metricsToken`: the service's INGEST_METRICS_TOKEN or CARBON_METRICS_TOKEN, where it has one. */
async function metricsText(httpPort: number, metricsToken?: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/metrics`, metricsToken === undefined ? {} : { headers: { authorization: `Bearer ${metricsToken}` } });
  if (!response.ok) throw new Error(`/metrics of port ${httpPort} answered ${response.status}: ${await response.text()}`);
  return response.text();
}
