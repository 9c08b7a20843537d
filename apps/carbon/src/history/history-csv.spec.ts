import { BUILDING_HISTORY_FIGURES, PARK_HISTORY_FIGURES } from '@zeropark/carbon';
import { en, messageAt, Translator } from '@zeropark/i18n';
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
  // 2026-11-28 21:05 in Shanghai
  completeThrough: Date.UTC(2026, 10, 28, 13, 5),
  points: [
    { start: Date.UTC(2026, 10, 26, 16), period: '2026-11-27', value: 512.25 },
    { start: Date.UTC(2026, 10, 27, 16), period: '2026-11-28', value: null },
  ],
};

const english = new Translator('en');
const chinese = new Translator('zh-CN');

describe(historyCsv.name, () => {
  it('should write up to when it is complete, a header with the unit and a row per bucket, in UTC and the park\'s time', () => {
    expect(historyCsv(ANSWER, english).split('\r\n')).toEqual([
      '# complete through 2026-11-28T21:05:00+08:00 (Asia/Shanghai)',
      'start_utc,start_local (Asia/Shanghai),period,Carbon intensity (g CO₂/kWh)',
      '2026-11-26T16:00:00.000Z,2026-11-27 00:00,2026-11-27,512.25',
      '2026-11-27T16:00:00.000Z,2026-11-28 00:00,2026-11-28,',
      '',
    ]);
  });

  it('should quote a field that holds a comma', () => {
    expect(historyCsv({ ...ANSWER, unit: 'kg, CO₂' }, english).split('\r\n')[1]).toBe('start_utc,start_local (Asia/Shanghai),period,"Carbon intensity (kg, CO₂)"');
  });

  it("should name the file after the park, figure, the range's days on the park's calendar and resolution", () => {
    // 2026-11-27 00:00 to 2026-11-29 00:00 in Shanghai (exclusive): the days 11-27 and 11-28, not UTC's 11-26 and 11-28
    expect(historyCsvFileName(ANSWER)).toBe('demo-park_intensityGPerKwh_2026-11-27_2026-11-28_1d.csv');
  });

  it('should name a chosen week by its own days: 12-01 to 12-07 in Shanghai (issue 20, item 2)', () => {
    const week = { ...ANSWER, from: Date.UTC(2026, 10, 30, 16), to: Date.UTC(2026, 11, 7, 16) };
    expect(historyCsvFileName(week)).toBe('demo-park_intensityGPerKwh_2026-12-01_2026-12-07_1d.csv');
  });

  it('should say so when it cannot tell up to when the series is complete', () => {
    expect(historyCsv({ ...ANSWER, completeThrough: null }, english).split('\r\n')[0]).toBe('# complete through unknown (Asia/Shanghai)');
  });

  it('should write its words in Chinese for a Chinese reader, its values and times as in English', () => {
    const [comment, header, ...rows] = historyCsv(ANSWER, chinese).split('\r\n');
    expect([comment, header]).toEqual(['# 数据完整至 2026-11-28T21:05:00+08:00（Asia/Shanghai）', '开始时间_UTC,开始时间_当地 (Asia/Shanghai),时段,碳排放强度 (g CO₂/kWh)']);
    expect(rows).toEqual(historyCsv(ANSWER, english).split('\r\n').slice(2));
  });

  it('should have a name in the catalogues for every figure History offers', () => {
    const figures = [...Object.keys(PARK_HISTORY_FIGURES), ...Object.keys(BUILDING_HISTORY_FIGURES)];
    expect(figures.filter((figure) => messageAt(en, `figures.${figure}`) === undefined)).toEqual([]);
  });
});
