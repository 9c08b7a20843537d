import { describe, expect, it } from 'vitest';
import { ChartSeries } from './chart-series.js';

/** 2026-11-28 00:00 UTC in epoch seconds: a whole minute. */
const T0 = Date.UTC(2026, 10, 28) / 1000;

describe(ChartSeries.name, () => {
  it('should keep the last 10 minutes a point a second and fold older seconds into minute means', () => {
    const series = new ChartSeries();
    // 20 minutes a second: power = the minute number, intensity unknown in the first minute
    for (let second = 0; second <= 20 * 60; second += 1) series.extend(T0 + second, Math.floor(second / 60), second < 60 ? null : 500);
    // minutes 0–9 folded (10 points), then 600 seconds from minute 10 on, and the newest second
    expect(series.length).toBe(10 + 601);
    expect(series.times.slice(0, 3)).toEqual([T0, T0 + 60, T0 + 120]);
    expect(series.power.slice(0, 3)).toEqual([0, 1, 2]);
    expect(series.intensity.slice(0, 2)).toEqual([null, 500]);
    expect(series.times[10]).toBe(T0 + 600);
  });

  it('should hold at most a day of minutes and 10 minutes of seconds, however long it runs', () => {
    const series = new ChartSeries();
    for (let second = 0; second <= 2 * 86_400; second += 1) series.extend(T0 + second, 100, 500);
    expect(series.length).toBeLessThanOrEqual(1440 + 601);
    expect(series.times[0]).toBeGreaterThanOrEqual(T0 + 86_400);
  });
});
