import { requireCommand, startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { REPO_ROOT } from '../support/platform-process.js';

const run = promisify(execFile);
const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');
const MINUTE = 60_000;
const SHANGHAI = 8 * 3_600_000;
const DAY = 86_400_000;

/**
 * The dashboard in Debian's Chromium against the real platform (ingest and carbon service on
 * InfluxDB), fed with `mosquitto_pub` as a gateway would. Screenshots of the main views go to
 * docs/screenshots/, which the README shows.
 */
describe('the dashboard in a browser: sign in, live values, a building, alerts, history, the monthly report', () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  let browser: Browser;
  let page: Page;
  let seq = 0;
  /** Minutes of today (Asia/Shanghai) between the two grid readings; the day's consumption is 6 kWh a minute. */
  let m = 0;

  /** One batch as gw-b01 or gw-substation, with the real mosquitto_pub at QoS 1. */
  async function mosquittoPub(gateway: 'gw-b01' | 'gw-substation', secret: string, readings: unknown[]): Promise<void> {
    seq += 1;
    await run(requireCommand('mosquitto_pub', 'mosquitto-clients'), [
      '-h', '127.0.0.1', '-p', String(platform.mqttPort), '-q', '1', '-V', 'mqttv311', '-i', `browser-${gateway}-${seq}`,
      '-u', gateway, '-P', secret, '-t', `parks/demo-park/gateways/${gateway}/readings`, '-m', JSON.stringify({ v: 1, seq, readings }),
    ]);
  }
  const b01 = (powerKw: number) => mosquittoPub('gw-b01', 'sim-b01-secret', [{ meter: 'B01-MAIN', ts: Date.now(), values: { power_kw: powerKw } }]);

  async function signInAs(role: 'viewer' | 'operator'): Promise<Page> {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.goto(`http://127.0.0.1:${platform.carbonPort}/`);
    await tab.getByTestId('token-input').fill(await platform.token(role));
    await tab.getByTestId('sign-in').click();
    await tab.waitForSelector('[data-testid=connection][data-state=live]');
    await tab.waitForSelector('#buildings tr[data-building=B01]');
    return tab;
  }

  beforeAll(async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, 'browser', { editRegistry: (text) => text.replace('      for: 1m\n', '      for: 3s\n'), carbonEnv: { CARBON_ALERT_EVALUATE_MS: '250' } });
    browser = await launchChromium();
    // the grid meter: two readings m minutes apart, both today in the park's time zone
    const t1 = Math.floor((Date.now() - 30_000) / 1000) * 1000;
    const dayStart = Math.floor((t1 + SHANGHAI) / DAY) * DAY - SHANGHAI;
    m = Math.max(1, Math.min(60, Math.floor((t1 - dayStart) / MINUTE)));
    await mosquittoPub('gw-substation', 'sim-substation-secret', [{ meter: 'GRID-MAIN', ts: t1 - m * MINUTE, values: { energy_import_kwh: 1000 } }]);
    await mosquittoPub('gw-substation', 'sim-substation-secret', [{ meter: 'GRID-MAIN', ts: t1, values: { energy_import_kwh: 1000 + 6 * m, power_kw: 360 } }]);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await influx?.stop();
  });

  it("should sign in with a park-scoped token, and offer only the token's parks", async () => {
    page = await signInAs('operator');
    expect(await page.getByTestId('park-picker').locator('option').allTextContents()).toEqual(['demo-park']);
    await expect.poll(() => page.getByTestId('park-power').textContent()).toBe('360.0');
  });

  it('should show live values change after readings are published with mosquitto_pub', async () => {
    await b01(150);
    await expect.poll(() => page.locator('#buildings tr[data-building=B01] td').nth(1).textContent()).toBe('150.0');
    await b01(175);
    await expect.poll(() => page.locator('#buildings tr[data-building=B01] td').nth(1).textContent()).toBe('175.0');
    // the energy flow names the remainder no sub-meter sees: 360 kW − 175 kW = 185 kW
    await expect.poll(() => page.locator('[data-flow=unmetered]').textContent()).toBe('Unmetered 185.0 kW');
    // the 24-hour chart grows by a point a second
    const points = Number(await page.getByTestId('live-chart').getAttribute('data-points'));
    await expect.poll(async () => Number(await page.getByTestId('live-chart').getAttribute('data-points')), { timeout: 5000 }).toBeGreaterThan(points);
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });
  });

  it('should drill into a building and show each meter with its freshness', async () => {
    await page.locator('#buildings tr[data-building=B01]').click();
    await expect.poll(() => page.getByTestId('building-name').textContent()).toBe('Assembly hall');
    await expect.poll(() => page.locator('#meters tr[data-meter=B01-MAIN]').getAttribute('data-state')).toBe('ok');
    // the roof PV has never reported: shown as such, not as fine
    expect(await page.locator('#meters tr[data-meter=PV-B01-ROOF]').getAttribute('data-state')).toBe('never');
    await page.screenshot({ path: join(SCREENSHOTS, 'building.png'), fullPage: true });
  });

  it('should show an alert as it fires, and let an operator acknowledge it', async () => {
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/alerts`);
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    // B01 above 1000 kW for the rule's 3 s
    const overload = setInterval(() => void b01(1250), 500);
    try {
      const row = page.locator('#current-alerts tr[data-rule=b01-overload]');
      await row.waitFor({ timeout: 20_000 });
      expect(await row.getAttribute('data-state')).toBe('firing');
      await page.screenshot({ path: join(SCREENSHOTS, 'alerts.png'), fullPage: true });
      await row.getByTestId('acknowledge').click();
      await expect.poll(() => row.getAttribute('data-state')).toBe('acknowledged');
      expect(await row.textContent()).toContain('by live-suite-operator');
    } finally {
      clearInterval(overload);
    }
  });

  it('should not let a viewer acknowledge', async () => {
    const viewer = await signInAs('viewer');
    await viewer.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/alerts`);
    const row = viewer.locator('#current-alerts tr[data-rule=b01-overload]');
    await row.waitFor();
    expect(await row.getByTestId('acknowledge').count()).toBe(0);
    expect(await viewer.locator('#alerts-role').textContent()).toContain('acknowledging needs the operator role');
    // and the server refuses it too, whatever the page offers
    const alertId = await row.getAttribute('data-alert');
    const status = await viewer.evaluate(async (id) => {
      const token = sessionStorage.getItem('zeropark-token') ?? '';
      const response = await fetch(`/api/parks/demo-park/alerts/${id}/acknowledge`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      return response.status;
    }, alertId);
    expect(status).toBe(403);
    await viewer.close();
  });

  it('should download a CSV of a figure with the expected rows', async () => {
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/history`);
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    await page.getByTestId('history-figure').selectOption('gridImportKwh');
    await page.getByTestId('history-resolution').selectOption('1d');
    const today = new Date(Date.now() + SHANGHAI).toISOString().slice(0, 10);
    // the grid import of today, from the carbon series once all of it is written (the reading's
    // last minute goes to the series only when that minute is over)
    const expected = (6 * m).toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    const asked = page.waitForRequest((request) => request.url().includes('/history?'));
    await expect
      .poll(async () => {
        await page.getByTestId('history-show').click();
        return page.locator('#history-rows tr').last().locator('td').allTextContents();
      }, { timeout: 90_000, interval: 2000 })
      .toEqual([expect.any(String), today, expected]);
    // whole days of the park (Asia/Shanghai), the last seven by default, wherever the browser is:
    // from 00:00 +08:00 six days ago to 00:00 +08:00 tomorrow
    const range = new URL((await asked).url()).searchParams;
    const shanghaiMidnight = (days: number) => new Date(Date.parse(`${today}T00:00:00+08:00`) + days * 86_400_000).toISOString();
    expect([range.get('from'), range.get('to')]).toEqual([shanghaiMidnight(-6), shanghaiMidnight(1)]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-csv').click()]);
    const rows = readFileSync(await download.path(), 'utf8').trim().split('\r\n').map((line) => line.split(','));
    expect(download.suggestedFilename()).toMatch(/^demo-park_gridImportKwh_.*_1d\.csv$/);
    expect(rows[0]).toEqual(['start_utc', 'start_local (Asia/Shanghai)', 'period', 'gridImportKwh (kWh)']);
    // 6 kWh a minute for m minutes, all of it today
    expect(rows.at(-1)?.[2]).toBe(today);
    expect(Number(rows.at(-1)?.[3])).toBeCloseTo(6 * m, 6);
    await page.screenshot({ path: join(SCREENSHOTS, 'history.png'), fullPage: true });
  });

  it('should show the monthly report as a printable page', async () => {
    const month = new Date(Date.now() + SHANGHAI).toISOString().slice(0, 7);
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/report/${month}`);
    const report = page.getByTestId('report');
    await expect.poll(() => report.locator('h2').textContent()).toBe(`Demo Eco-Industrial Park: carbon report for ${month}`);
    for (const caption of ['Energy by carrier', 'Emissions by scope', 'Intensity and indicators', 'Buildings', 'Provenance']) expect(await report.locator('caption', { hasText: caption }).count()).toBe(1);
    expect(await report.textContent()).toContain('Factor set versionscn-mee-nbs-2023.2');
    expect(await report.textContent()).toContain('MEE & NBS');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('should say when it loses the connection, and come back by itself after the service restarts', async () => {
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/`);
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    const restarted = platform.restartCarbon('SIGTERM');
    await page.waitForSelector('[data-testid=connection][data-state=offline]', { timeout: 15_000 });
    await restarted;
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 30_000 });
    await b01(190);
    await expect.poll(() => page.locator('#buildings tr[data-building=B01] td').nth(1).textContent(), { timeout: 10_000 }).toBe('190.0');
    await expect.poll(() => page.getByTestId('park-power').textContent()).toBe('360.0');
  });
});
