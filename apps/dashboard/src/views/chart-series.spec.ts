import { describe, expect, it } from 'vitest';
import { ChartSeries, timeRange, valueRange } from './chart-series.js';

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

describe(valueRange.name, () => {
  it('should give a constant series with floating-point noise a range from zero, never of zero width', () => {
    // the grid factor's intensity, 550 g/kWh, as the series computes it: uPlot made this [550, 550]
    // 550.0000007 × 1.05 = 577.5…; a fifth is 115.5 → steps of 200 → 600
    expect(valueRange(550, 550.0000007221968)).toEqual([0, 600]);
  });

  it('should give a series of zeros [0, 1], and a series with nothing known no range', () => {
    expect(valueRange(0, 0)).toEqual([0, 1]);
    expect(valueRange(null, null)).toEqual([null, null]);
  });

  it('should reach below zero for negative values (export), on round numbers', () => {
    // −90 × 1.05 = −94.5 (steps of 20) → −100; 360 × 1.05 = 378 (steps of 100) → 400
    expect(valueRange(-90, 360)).toEqual([-100, 400]);
  });
});

describe(timeRange.name, () => {
  it('should make one point a minute-wide axis ending at it', () => {
    expect(timeRange(T0, T0)).toEqual([T0 - 60, T0]);
  });

  it('should span the points when they cover more than a minute', () => {
    expect(timeRange(T0 - 86_400, T0)).toEqual([T0 - 86_400, T0]);
  });
});
