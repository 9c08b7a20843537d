import type { HistoryAnswer } from './history.service.js';

/**
 * A history as CSV (RFC 4180): a header naming the figure and its unit, then one row per
 * bucket: its start in UTC and in the park's time zone, the calendar period for days and months,
 * and the value (empty where the figure has no value, e.g. an intensity with nothing consumed).
 */
export function historyCsv(answer: HistoryAnswer): string {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: answer.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const header = ['start_utc', `start_local (${answer.timezone})`, 'period', `${answer.figure} (${answer.unit})`];
  const rows = answer.points.map((point) => [new Date(point.start).toISOString(), local.format(point.start), point.period ?? '', point.value === null ? '' : String(point.value)]);
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The file name a browser saves it under: park, building, figure, range and resolution. */
export function historyCsvFileName(answer: HistoryAnswer): string {
  const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);
  return `${[answer.park, answer.building, answer.figure, day(answer.from), day(answer.to), answer.resolution].filter((part) => part !== null).join('_')}.csv`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
