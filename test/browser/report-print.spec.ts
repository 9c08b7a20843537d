import type { MonthlyReport } from '@zeropark/contracts';
import { startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoPageErrors, launchChromium, openTab } from '../support/chromium.js';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { readPdf, type PdfPage } from '../support/pdf-text.js';
import { waitUntil } from '../support/wait-until.js';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
/** A4 in points. */
const A4 = { width: 595.28, height: 841.89 };
/** 16 mm, the report's side margins (report-view.ts's @page rule), in points, less a point of rounding. */
const SIDE_MARGIN_PT = (16 / 25.4) * 72 - 1;

/**
 * The monthly report printed to PDF by Debian's Chromium (what "Save as PDF" gives an energy
 * manager), in English and in Chinese, read back with pdf.js: A4 pages with margins, the park and
 * month atop every page and "Page n of m" at its foot, and no heading or caption left as the last
 * line of a page. The month is last month, filled by a gateway catching up a day at a time, so
 * it has a row for each of its days and runs over more than one page.
 */
describe('the monthly report, printed to PDF', () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  let browser: Browser;
  let month = '';
  let report: MonthlyReport;

  beforeAll(async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, 'report_print');
    browser = await launchChromium();
    // last month in Shanghai: one grid reading at noon of each of its days, 500 kWh a day
    const firstOfThisMonth = Date.parse(`${new Date(Date.now() + SHANGHAI).toISOString().slice(0, 7)}-01T00:00:00+08:00`);
    month = new Date(firstOfThisMonth - DAY + SHANGHAI).toISOString().slice(0, 7);
    const start = Date.parse(`${month}-01T12:00:00+08:00`);
    const days = Math.round((firstOfThisMonth - Date.parse(`${month}-01T00:00:00+08:00`)) / DAY);
    // the day before the month too, so its first day has a whole day's difference
    for (let day = -1; day < days; day += 1) {
      await platform.publish('gw-substation', day + 2, [{ meter: 'GRID-MAIN', ts: start + day * DAY, values: { energy_import_kwh: 10_000 + 500 * (day + 1) } }]);
    }
    // the backlog is in the series: every day, up to the month's last reading at noon of its last day
    report = await waitUntil(
      () => platform.api<MonthlyReport>(`/parks/demo-park/reports/monthly?month=${month}`),
      (answer) => answer.days.length === days && Math.abs(answer.figures.electricityConsumedKwh - (500 * (days - 1) + 250)) < 1e-6,
      120_000,
      `last month's ${days} days in the carbon series`,
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await influx?.stop();
  });

  async function printed(locale: 'en' | 'zh-CN'): Promise<PdfPage[]> {
    const tab = await openTab(browser, { locale, timezoneId: 'UTC' });
    const { page } = tab;
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#token=${await platform.token('viewer')}`);
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/report/${month}`);
    await page.waitForSelector('[data-testid=report] table');
    // nothing grey on paper
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toMatch(/^rgba?\(255, 255, 255/);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expectNoPageErrors(tab);
    await page.close();
    return readPdf(pdf);
  }

  /**
   * Every page: A4, text inside the margins, the title on top, "page n of m" at the foot, no
   * heading last. Lines are compared without spaces: pdf.js gives a change of font (Latin to CJK)
   * as separate pieces, which a line joins with a space.
   */
  function expectPrintable(pages: PdfPage[], title: string, pageLine: (page: number, pages: number) => string, headings: string[]): void {
    expect(pages.length).toBeGreaterThan(1);
    const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');
    const [heading, ...captions] = [squash(title), ...headings.map(squash)];
    pages.forEach((printed, index) => {
      const page = { ...printed, lines: printed.lines.map(squash) };
      expect([Math.round(page.width), Math.round(page.height)], `page ${index + 1} is A4`).toEqual([Math.round(A4.width), Math.round(A4.height)]);
      expect(page.left, `page ${index + 1}'s text starts inside the margin`).toBeGreaterThanOrEqual(SIDE_MARGIN_PT);
      expect(page.lines[0], `page ${index + 1} is headed with the park and month`).toBe(heading);
      expect(page.lines.at(-1), `page ${index + 1} is numbered`).toBe(squash(pageLine(index + 1, pages.length)));
      const lastBody = page.lines.at(-2) ?? '';
      expect(captions.filter((caption) => lastBody === caption), `page ${index + 1} ends with a heading: "${lastBody}"`).toEqual([]);
    });
  }

  it('should print in English on A4 pages with margins, page numbers, the park and month on each, no heading stranded', async () => {
    const pages = await printed('en');
    const title = `Demo Eco-Industrial Park: carbon report for ${month}`;
    expectPrintable(pages, title, (page, count) => `Page ${page} of ${count}`, ['Energy by carrier', 'Emissions by scope', 'Intensity and indicators', 'Buildings', 'Days', 'Factors and method', 'Provenance', title]);
    const text = pages.flatMap((page) => page.lines).join('\n');
    // the month's figures reach the paper: 500 kWh a day
    expect(text).toContain(`Electricity consumed ${report.figures.electricityConsumedKwh.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kWh`);
    expect(text).toContain(`${month}-01 500.0`);
  });

  it('should print in Chinese, with the page numbers in Chinese', async () => {
    const pages = await printed('zh-CN');
    const title = `Demo Eco-Industrial Park：${month} 碳排放报告`;
    expectPrintable(pages, title, (page, count) => `第 ${page} 页，共 ${count} 页`, ['分品种能源', '分范围碳排放', '强度与指标', '建筑', '逐日', '因子与方法', '来源', title]);
    expect(pages.flatMap((page) => page.lines).join('\n')).toContain('用电量');
  });
});
