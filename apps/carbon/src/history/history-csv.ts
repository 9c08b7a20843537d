import { localDay, localIsoTime } from '@zeropark/carbon';
import type { Message, Translator } from '@zeropark/i18n';
import type { HistoryAnswer } from './history.service.js';

/**
 * A history as CSV (RFC 4180): a first comment line saying up to when the series was complete
 * (on the park's clock, docs/carbon-method.md §6 "Complete through"), a header naming the figure
 * and its unit in the reader's language (`lang`, libs/i18n), then one row per bucket: its start
 * in UTC and in the park's time zone, the calendar period for days and months, and the value
 * (empty where the figure has no value, e.g. an intensity with nothing consumed). The values
 * and times are the same in every language, so a spreadsheet reads either.
 */
export function historyCsv(answer: HistoryAnswer, t: Translator): string {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: answer.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const name = t.t(`figures.${answer.figure}` as Message);
  const header = [t.t('csv.startUtc'), t.t('csv.startLocal', { zone: answer.timezone }), t.t('csv.period'), t.t('csv.value', { name, unit: answer.unit })];
  const rows = answer.points.map((point) => [new Date(point.start).toISOString(), local.format(point.start), point.period ?? '', point.value === null ? '' : String(point.value)]);
  const complete = answer.completeThrough === null ? t.t('csv.unknown') : localIsoTime(answer.completeThrough, answer.timezone);
  return `# ${t.t('csv.completeThrough', { at: complete, zone: answer.timezone })}\r\n${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The file name a browser saves it under: park, building, figure, the range's first and last day
 * on the park's calendar (`to` is exclusive: 12-01 00:00 to 12-08 00:00 is 12-01 to 12-07), resolution.
 */
export function historyCsvFileName(answer: HistoryAnswer): string {
  const day = (epochMs: number) => localDay(epochMs, answer.timezone);
  return `${[answer.park, answer.building, answer.figure, day(answer.from), day(answer.to - 1), answer.resolution].filter((part) => part !== null).join('_')}.csv`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
