import i18next, { type i18n } from 'i18next';
import type { MessageKey } from './catalogue-shape.js';
import { en } from './catalogues/en.js';
import { zhCN } from './catalogues/zh-CN.js';
import type { Language } from './languages.js';
import { dateTimeIn, dayIn, timeIn, zoneLabel } from './time-zone.js';

export type Message = MessageKey<typeof en>;
export type MessageValues = Record<string, string | number>;

/**
 * The words and formats of one language: messages from the catalogues through i18next (its
 * interpolation and its plural rules, which are Intl.PluralRules'), numbers through Intl, and
 * times in the zone a caller names (a park's), never the reader's.
 */
export class Translator {
  private readonly messages: i18n;
  private readonly numberFormats = new Map<number, Intl.NumberFormat>();

  constructor(readonly language: Language) {
    this.messages = i18next.createInstance();
    // synchronous: the catalogues are in the bundle, and a page renders in the language it chose
    void this.messages.init({
      lng: language,
      fallbackLng: false,
      initAsync: false,
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      // text goes into textContent, never innerHTML: escaping here would show &amp; on the page
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }

  /** The message of `key`; `count` in `values` picks the plural form. */
  t(key: Message, values?: MessageValues): string {
    return this.messages.t(key, values ?? {});
  }

  /** `1,234.6`; a dash for none. */
  number(value: number | null | undefined, fractionDigits = 1): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '–';
    let format = this.numberFormats.get(fractionDigits);
    if (format === undefined) {
      format = new Intl.NumberFormat(this.language, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
      this.numberFormats.set(fractionDigits, format);
    }
    return format.format(value);
  }

  /** A share 0–1 as `37.5 %` (ISO 80000-1: a space before the per-cent sign, in both languages). */
  share(share: number | null | undefined): string {
    return share === null || share === undefined || !Number.isFinite(share) ? '–' : `${this.number(share * 100, 1)} %`;
  }

  /** `2026-12-07 21:06` in the zone given. */
  dateTime(epochMs: number, timezone: string, seconds = false): string {
    return dateTimeIn(timezone, epochMs, seconds);
  }

  time(epochMs: number, timezone: string): string {
    return timeIn(timezone, epochMs);
  }

  day(epochMs: number, timezone: string): string {
    return dayIn(timezone, epochMs);
  }

  /** "Times in Asia/Shanghai (UTC+08:00)": said once on each page. */
  zone(timezone: string, at: number): string {
    return this.t('zone.timesIn', { zone: zoneLabel(timezone, at) });
  }

  /** "12 s ago", "3 min ago", "2 h ago", "3 days ago"; "no reading yet" before the first. */
  age(lastAt: number | null, now: number): string {
    if (lastAt === null) return this.t('time.noReadingYet');
    const seconds = Math.max(0, Math.round((now - lastAt) / 1000));
    if (seconds < 60) return this.t('time.secondsAgo', { count: seconds });
    if (seconds < 3600) return this.t('time.minutesAgo', { count: Math.floor(seconds / 60) });
    if (seconds < 172_800) return this.t('time.hoursAgo', { count: Math.floor(seconds / 3600) });
    return this.t('time.daysAgo', { count: Math.floor(seconds / 86_400) });
  }

  /** A length of time, to the unit that matters: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
  duration(ms: number): string {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    if (seconds < 60) return this.t('time.durationSeconds', { seconds });
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return this.t('time.durationMinutes', { minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return this.t('time.durationHours', { hours, minutes: minutes % 60 });
    return this.t('time.durationDays', { days: Math.floor(hours / 24), hours: hours % 24 });
  }
}
