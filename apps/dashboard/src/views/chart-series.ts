const DAY_S = 86_400;
/**
 * Seconds kept one point a second; older ones become one point a minute (their mean). At 24 h
 * on a screen's width a pixel is about a minute, so nothing visible is lost.
 */
const FINE_S = 600;

/**
 * The points of the 24-hour chart, in columns as uPlot takes them: time (epoch seconds), power
 * consumed (kW) and intensity (gCO₂/kWh). Extended a point a second; once a minute, seconds older
 * than 10 minutes are folded into minutes and points older than 24 h leave, so it holds at most
 * 1 440 + 600 points however long the page stays open.
 */
export class ChartSeries {
  readonly times: number[] = [];
  readonly power: (number | null)[] = [];
  readonly intensity: (number | null)[] = [];

  get length(): number {
    return this.times.length;
  }

  clear(): void {
    this.times.length = 0;
    this.power.length = 0;
    this.intensity.length = 0;
  }

  push(time: number, powerKw: number | null, intensity: number | null): void {
    this.times.push(time);
    this.power.push(powerKw);
    this.intensity.push(intensity);
  }

  /** One more point at the end; on each whole minute, older seconds folded and points beyond 24 h dropped. */
  extend(time: number, powerKw: number | null, intensity: number | null): void {
    this.push(time, powerKw, intensity);
    if (time % 60 !== 0) return;
    this.foldBefore(time - FINE_S);
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? 0) < time - DAY_S) drop += 1;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.power.splice(0, drop);
      this.intensity.splice(0, drop);
    }
  }

  /** Points before `cutoff` become one per minute, the mean of the minute's known values. */
  private foldBefore(cutoff: number): void {
    let end = 0;
    while (end < this.times.length && (this.times[end] ?? 0) < cutoff) end += 1;
    const times: number[] = [];
    const power: (number | null)[] = [];
    const intensity: (number | null)[] = [];
    for (let start = 0; start < end; ) {
      const minute = Math.floor((this.times[start] ?? 0) / 60) * 60;
      let next = start;
      while (next < end && Math.floor((this.times[next] ?? 0) / 60) * 60 === minute) next += 1;
      times.push(minute);
      power.push(mean(this.power.slice(start, next)));
      intensity.push(mean(this.intensity.slice(start, next)));
      start = next;
    }
    if (times.length === end) return; // one point a minute already
    this.times.splice(0, end, ...times);
    this.power.splice(0, end, ...power);
    this.intensity.splice(0, end, ...intensity);
  }
}

/** The mean of the known values; null when none is known. */
function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
}

/** The narrowest time axis, in seconds: the first seconds of a fresh start span this much, not a point's zero width. */
const MIN_SPAN_S = 60;

/**
 * The time axis: from the first point to the newest, at least a minute wide (ending at the
 * newest point), so that a single point or a first few seconds still make an axis.
 */
export function timeRange(min: number | null, max: number | null): [number | null, number | null] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [null, null];
  return [Math.min(min, max - MIN_SPAN_S), max];
}

/**
 * A value axis that always includes zero and ends on a round number above the data (5 % head
 * room). uPlot's own range pads a span it sees as nonzero by a fraction of that span, so values
 * equal but for floating-point noise (550.0000007 and 550 g/kWh, a constant grid factor) got a
 * range of width 0, and its axis splits then stepped by 1e-14 from 550 without ever passing it,
 * filling an array until `RangeError: Invalid array length`. Anchored at zero the range is at
 * least as wide as the largest value, and all zeros get [0, 1].
 */
export function valueRange(min: number | null, max: number | null): [number | null, number | null] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [null, null];
  const low = Math.min(min, 0);
  const high = Math.max(max, 0);
  if (low === 0 && high === 0) return [0, 1];
  return [low < 0 ? -roundUp(-low * 1.05) : 0, high > 0 ? roundUp(high * 1.05) : 0];
}

/** A positive number rounded up to a multiple of a round step (1, 2, 2.5 or 5 × 10ⁿ) of about a fifth of it. */
function roundUp(value: number): number {
  const fifth = value / 5;
  const magnitude = 10 ** Math.floor(Math.log10(fifth));
  const step = ([1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= fifth) ?? 10) * magnitude;
  return Math.ceil(value / step) * step;
}
