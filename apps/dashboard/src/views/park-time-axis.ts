import type uPlot from 'uplot';
import { i18n } from '../i18n.js';

/**
 * A time axis on the park's clock (the zone `timezone` gives when it draws), 24-hour, whatever
 * the browser's zone and locale: `21:06:05` for splits under a minute apart, `21:00` for
 * splits under a day apart (with the day under the first of each day), `12-07` for days, `2026-12`
 * for months. uPlot's own labels follow the browser (am/pm, its zone).
 */
export function parkTimeAxis(timezone: () => string): uPlot.Axis {
  return {
    space: 60,
    values: (_plot, splits, _axis, _space, increment) => {
      const zone = timezone();
      let previousDay = '';
      return splits.map((seconds) => {
        const at = seconds * 1000;
        const day = i18n.day(at, zone);
        if (increment >= 28 * 86_400) return day.slice(0, 7);
        if (increment >= 86_400) return day.slice(5);
        // splits under a minute apart (the first minute of a fresh start) need their seconds, or every label reads the same minute
        const time = increment < 60 ? i18n.time(at, zone) : i18n.time(at, zone).slice(0, 5);
        const label = day === previousDay ? time : `${time}\n${day.slice(5)}`;
        previousDay = day;
        return label;
      });
    },
  };
}
