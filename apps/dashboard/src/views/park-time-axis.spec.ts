import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { parkTimeAxis } from './park-time-axis.js';

/** 2026-12-07 13:06:00 UTC, 21:06:00 in Asia/Shanghai, in epoch seconds. */
const T0 = Date.UTC(2026, 11, 7, 13, 6) / 1000;

/** The axis's labels for splits `increment` seconds apart, as uPlot asks for them. */
function labels(splits: number[], increment: number): string[] {
  const values = parkTimeAxis(() => 'Asia/Shanghai').values as (plot: uPlot, splits: number[], axis: number, space: number, increment: number) => string[];
  return values({} as uPlot, splits, 0, 60, increment);
}

describe(parkTimeAxis.name, () => {
  it('should label splits seconds apart with their seconds, so that the first minute of a fresh start does not read one minute nine times', () => {
    expect(labels([T0, T0 + 5, T0 + 10], 5)).toEqual(['21:06:00\n12-07', '21:06:05', '21:06:10']);
  });

  it('should label splits minutes or hours apart to the minute on the park’s clock, the day under the first of each day', () => {
    // 23:00 and 00:00 in Shanghai: the day changes at the second split
    expect(labels([T0 + 6840, T0 + 10_440], 3600)).toEqual(['23:00\n12-07', '00:00\n12-08']);
  });

  it('should label splits a day or a month apart by the park’s day or month', () => {
    expect(labels([T0], 86_400)).toEqual(['12-07']);
    expect(labels([T0], 31 * 86_400)).toEqual(['2026-12']);
  });
});
