import { describe, expect, it } from 'vitest';
import { historyCsv, historyCsvFileName } from './history-csv.js';
import type { HistoryAnswer } from './history.service.js';

const ANSWER: HistoryAnswer = {
  park: 'demo-park',
  building: null,
  figure: 'intensityGPerKwh',
  unit: 'g CO₂/kWh',
  resolution: '1d',
  timezone: 'Asia/Shanghai',
  from: Date.UTC(2026, 10, 26, 16),
  to: Date.UTC(2026, 10, 28, 16),
  points: [
    { start: Date.UTC(2026, 10, 26, 16), period: '2026-11-27', value: 512.25 },
    { start: Date.UTC(2026, 10, 27, 16), period: '2026-11-28', value: null },
  ],
};

describe(historyCsv.name, () => {
  it('should write a header with the unit and a row per bucket, in UTC and the park\'s time', () => {
    expect(historyCsv(ANSWER).split('\r\n')).toEqual([
      'start_utc,start_local (Asia/Shanghai),period,intensityGPerKwh (g CO₂/kWh)',
      '2026-11-26T16:00:00.000Z,2026-11-27 00:00,2026-11-27,512.25',
      '2026-11-27T16:00:00.000Z,2026-11-28 00:00,2026-11-28,',
      '',
    ]);
  });

  it('should quote a field that holds a comma', () => {
    expect(historyCsv({ ...ANSWER, unit: 'kg, CO₂' }).split('\r\n')[0]).toBe('start_utc,start_local (Asia/Shanghai),period,"intensityGPerKwh (kg, CO₂)"');
  });

  it('should name the file after the park, figure, range and resolution', () => {
    expect(historyCsvFileName(ANSWER)).toBe('demo-park_intensityGPerKwh_2026-11-26_2026-11-28_1d.csv');
  });
});
