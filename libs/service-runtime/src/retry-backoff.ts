/**
 * How long to wait before the next try after `failures` failures in a row: exponential from
 * `initialMs`, capped at `maxMs`, with up to 20 % random jitter so replicas do not retry in step.
 */
export function retryDelay(failures: number, options: { initialMs: number; maxMs: number }, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 - 0.2 * random()));
}
