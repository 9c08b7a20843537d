import { describe, expect, it } from 'vitest';
import { pickLanguage } from './languages.js';
import { utcOffsetIn, zoneLabel } from './time-zone.js';
import { Translator } from './translator.js';

const english = new Translator('en');
const chinese = new Translator('zh-CN');
// 2026-12-07 13:06:05 UTC is 21:06:05 in Asia/Shanghai
const AT = Date.parse('2026-12-07T13:06:05Z');

describe(Translator.name, () => {
  it('should give a message in each language, with its values and its plural form', () => {
    expect(english.t('history.points', { count: 1 })).toBe('1 point');
    expect(english.t('history.points', { count: 3 })).toBe('3 points');
    expect(chinese.t('history.points', { count: 3 })).toBe('3 个数据点');
    expect(chinese.t('nav.overview')).toBe('总览');
    // no HTML escaping: the text goes into textContent
    expect(english.t('subjects.building', { id: 'R&D <1>' })).toBe('building R&D <1>');
  });

  it("should show times in the park's zone, whatever the process's zone", () => {
    expect(english.dateTime(AT, 'Asia/Shanghai')).toBe('2026-12-07 21:06');
    expect(english.dateTime(AT, 'UTC', true)).toBe('2026-12-07 13:06:05');
    expect(chinese.time(AT, 'Asia/Shanghai')).toBe('21:06:05');
    // the park's day turns at its midnight: 16:30 UTC is the next day in Shanghai
    expect(english.day(Date.parse('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
    expect(zoneLabel('Asia/Shanghai', AT)).toBe('Asia/Shanghai (UTC+08:00)');
    expect(english.zone('UTC', AT)).toBe('Times in UTC (UTC+00:00)');
    // a zone with daylight saving says the offset of the instant
    expect([utcOffsetIn('Europe/Berlin', Date.parse('2026-07-01T00:00:00Z')), utcOffsetIn('Europe/Berlin', AT)]).toEqual(['+02:00', '+01:00']);
  });

  it('should format numbers and shares for the language, and a dash for none', () => {
    expect(english.number(1234.56)).toBe('1,234.6');
    expect(chinese.number(1234.56, 2)).toBe('1,234.56');
    expect(english.number(null)).toBe('–');
    expect(english.number(Number.NaN)).toBe('–');
    expect(english.share(0.375)).toBe('37.5 %');
    expect(chinese.share(null)).toBe('–');
  });

  it('should say how old a reading is and how long something lasted', () => {
    expect(english.age(null, 0)).toBe('no reading yet');
    expect(english.age(1000, 13_000)).toBe('12 s ago');
    expect(english.age(0, 185_000)).toBe('3 min ago');
    expect(english.age(0, 7_300_000)).toBe('2 h ago');
    expect(english.age(0, 3 * 86_400_000)).toBe('3 days ago');
    expect(chinese.age(0, 185_000)).toBe('3 分钟前');
    expect(english.duration(45_000)).toBe('45 s');
    expect(english.duration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(chinese.duration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 天 4 小时');
  });
});

describe(pickLanguage.name, () => {
  it.each([
    [['zh-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['de-DE', 'zh-Hans-CN'], 'zh-CN'],
    [['fr'], 'en'],
    [[], 'en'],
  ])('should pick %j as %s', (preferred, language) => {
    expect(pickLanguage(preferred)).toBe(language);
  });
});
