/** One figure of a service's /metrics (the ingest's, or the carbon service's: the same format), or NaN when it is not there. */
export async function ingestMetric(httpPort: number, name: string): Promise<number> {
  const text = await metricsText(httpPort);
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

/** Readings the ingest refused, whatever the reason (the sum of `zeropark_ingest_readings_rejected_total` over its reasons). */
export async function ingestReadingsRejected(httpPort: number): Promise<number> {
  const text = await metricsText(httpPort);
  return [...text.matchAll(/^zeropark_ingest_readings_rejected_total\{[^}]*\} (\S+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Waits until the ingest's journal is empty: every accepted reading confirmed by the store. */
export async function journalDrained(httpPort: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await ingestMetric(httpPort, 'zeropark_ingest_journal_readings')) !== 0) {
    if (Date.now() > deadline) throw new Error(`the ingest's journal did not drain within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function metricsText(httpPort: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
}
