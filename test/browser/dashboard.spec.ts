import { requireCommand, startInfluxdb, type InfluxdbServer } from '@zeropark/test-servers';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoPageErrors, horizontalOverflow, launchChromium, openTab, type DashboardTab } from '../support/chromium.js';
import { startLivePlatform, type LivePlatform } from '../support/live-platform.js';
import { REPO_ROOT } from '../support/platform-process.js';

const run = promisify(execFile);
const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');
const MINUTE = 60_000;
const SHANGHAI = 8 * 3_600_000;
const DAY = 86_400_000;

/** The 24-hour chart's power line (live-chart.ts), as canvas pixels: #1f7a5c. */
const POWER_STROKE = [0x1f, 0x7a, 0x5c];

/**
 * The 24-hour chart as drawn: its canvas's width in CSS pixels and how many of its pixels are
 * the power line's colour (the line, or its first points as dots). An expression, not a
 * function: this project's TypeScript has no DOM types.
 */
async function chartInk(page: Page): Promise<{ width: number; panel: number; ink: number }> {
  const [r, g, b] = POWER_STROKE;
  return page.evaluate(`(() => {
    const canvas = document.querySelector('#live-chart canvas');
    if (canvas === null) return { width: 0, panel: 0, ink: 0 };
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (Math.abs(pixels[i] - ${r}) < 30 && Math.abs(pixels[i + 1] - ${g}) < 30 && Math.abs(pixels[i + 2] - ${b}) < 30 && pixels[i + 3] > 128) ink += 1;
    }
    return { width: Math.round(canvas.getBoundingClientRect().width), panel: document.getElementById('live-chart').clientWidth, ink };
  })()`);
}

/** How far below the top each element's bottom edge is, CSS pixels, by selector. */
async function bottoms(page: Page, selectors: string[]): Promise<Record<string, number>> {
  return page.evaluate(`Object.fromEntries(${JSON.stringify(selectors)}.map((selector) => [selector, Math.round(document.querySelector(selector).getBoundingClientRect().bottom)]))`);
}

/**
 * The dashboard in Debian's Chromium against the real platform (ingest and carbon service on
 * InfluxDB), fed with `mosquitto_pub` as a gateway would. Every case fails on an uncaught page
 * error, a console error or a response of 400 or more that it did not provoke. Screenshots of
 * the main views, on a phone and on a wall display go to docs/screenshots/, which the README shows.
 */
describe('the dashboard in a browser: a fresh start, sign in, live values, a building, alerts, history, the monthly report, phone and wall', () => {
  let influx: InfluxdbServer;
  let platform: LivePlatform;
  let browser: Browser;
  /** The operator's tab at 1280 × 900 that most cases go on with. */
  let main: DashboardTab;
  let page: Page;
  let seq = 0;
  /** Minutes of today (Asia/Shanghai) between the two grid readings; the day's consumption is 6 kWh a minute. */
  let m = 0;
  /** The tabs a case opened, checked for errors after it and closed (all but `main`). */
  let opened: DashboardTab[] = [];
  let gridBeat: ReturnType<typeof setInterval> | undefined;

  /** One batch as gw-b01, gw-b02 or gw-substation, with the real mosquitto_pub at QoS 1. */
  async function mosquittoPub(gateway: 'gw-b01' | 'gw-b02' | 'gw-substation', secret: string, readings: unknown[]): Promise<void> {
    seq += 1;
    await run(requireCommand('mosquitto_pub', 'mosquitto-clients'), [
      '-h', '127.0.0.1', '-p', String(platform.mqttPort), '-q', '1', '-V', 'mqttv311', '-i', `browser-${gateway}-${seq}`,
      '-u', gateway, '-P', secret, '-t', `parks/demo-park/gateways/${gateway}/readings`, '-m', JSON.stringify({ v: 1, seq, readings }),
    ]);
  }
  const b01 = (powerKw: number) => mosquittoPub('gw-b01', 'sim-b01-secret', [{ meter: 'B01-MAIN', ts: Date.now(), values: { power_kw: powerKw } }]);

  /** A tab (openTab) that also records every response of 400 or more as an error. */
  async function newTab(options: Parameters<typeof openTab>[1] = {}): Promise<DashboardTab> {
    const tab = await openTab(browser, options);
    tab.page.on('response', (response) => {
      if (response.status() >= 400) tab.errors.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    opened.push(tab);
    return tab;
  }

  /** Takes out of a tab's errors those the case provoked on purpose: each one naming `text`. */
  function provoked(tab: DashboardTab, text: string): void {
    tab.errors.splice(0, tab.errors.length, ...tab.errors.filter((error) => !error.includes(text)));
  }

  /** Signs in through the sign-in form, in a new tab. */
  async function signInAs(role: 'viewer' | 'operator', options: Parameters<typeof openTab>[1] = {}): Promise<DashboardTab> {
    const tab = await newTab({ width: 1280, height: 900, ...options });
    await tab.page.goto(`http://127.0.0.1:${platform.carbonPort}/`);
    await tab.page.getByTestId('token-input').fill(await platform.token(role));
    await tab.page.getByTestId('sign-in').click();
    await tab.page.waitForSelector('[data-testid=connection][data-state=live]');
    await tab.page.waitForSelector('#buildings tr[data-building=B01]');
    return tab;
  }

  /** A new tab on a route, signed in by the token in the address as `npm start`'s URL does. */
  async function openAt(route: string, options: Parameters<typeof openTab>[1], role: 'viewer' | 'operator' = 'operator'): Promise<DashboardTab> {
    const tab = await newTab(options);
    await tab.page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#token=${await platform.token(role)}`);
    await tab.page.waitForSelector('[data-testid=connection][data-state=live]');
    await tab.page.evaluate(`location.hash = ${JSON.stringify(route)}`);
    return tab;
  }

  /** Waits until the chart has drawn at its panel's width, with the power line on it. */
  async function chartDrawn(tab: DashboardTab): Promise<{ width: number; panel: number; ink: number }> {
    let drawn = await chartInk(tab.page);
    await expect
      .poll(async () => {
        drawn = await chartInk(tab.page);
        return drawn.ink > 0 && drawn.width === drawn.panel;
      }, { timeout: 10_000 })
      .toBe(true);
    return drawn;
  }

  /** The grid meter's two readings m minutes apart, and the paint shop's gas meter (12.5 m³ between them). */
  async function publishToday(): Promise<void> {
    const t1 = Math.floor((Date.now() - 30_000) / 1000) * 1000;
    const dayStart = Math.floor((t1 + SHANGHAI) / DAY) * DAY - SHANGHAI;
    m = Math.max(1, Math.min(60, Math.floor((t1 - dayStart) / MINUTE)));
    await mosquittoPub('gw-substation', 'sim-substation-secret', [{ meter: 'GRID-MAIN', ts: t1 - m * MINUTE, values: { energy_import_kwh: 1000 } }]);
    await mosquittoPub('gw-substation', 'sim-substation-secret', [{ meter: 'GRID-MAIN', ts: t1, values: { energy_import_kwh: 1000 + 6 * m, power_kw: 360 } }]);
    await mosquittoPub('gw-b02', 'sim-b02-secret', [{ meter: 'B02-GAS', ts: t1 - m * MINUTE, values: { gas_m3: 500 } }]);
    await mosquittoPub('gw-b02', 'sim-b02-secret', [{ meter: 'B02-GAS', ts: t1, values: { gas_m3: 512.5 } }]);
    // and then 360 kW every 5 s, with the roof PV's 0 kW (a night), as a gateway that stays
    // online: power counts as "now" only for 3 of its 10 s intervals after a reading
    // (config/example-park.yaml, meterEvery), and the park's power is live only when all its own meters are
    const beat = () => {
      seq += 1;
      const ts = Date.now();
      return platform.publish('gw-substation', seq, [{ meter: 'GRID-MAIN', ts, values: { power_kw: 360 } }, { meter: 'PV-B01-ROOF', ts, values: { power_kw: 0 } }]);
    };
    await beat();
    // a beat that fails is sent again 5 s later, as a gateway would
    gridBeat = setInterval(() => void beat().catch(() => undefined), 5000);
  }

  beforeAll(async () => {
    influx = await startInfluxdb();
    platform = await startLivePlatform(influx, 'browser', { editRegistry: (text) => text.replace('      for: 1m\n', '      for: 3s\n'), carbonEnv: { CARBON_ALERT_EVALUATE_MS: '250' } });
    browser = await launchChromium();
  });

  // every case ends clean: no page error, console error or unprovoked response ≥ 400 in any tab it used
  afterEach(async () => {
    const tabs = opened;
    opened = main === undefined ? [] : [main];
    try {
      for (const tab of tabs) expectNoPageErrors(tab);
    } finally {
      for (const tab of tabs) if (tab !== main) await tab.page.close();
    }
  });

  afterAll(async () => {
    clearInterval(gridBeat);
    await browser?.close();
    await platform?.stop();
    await influx?.stop();
  });

  it('should draw the 24-hour chart from its first point on a fresh start, with an empty store', async () => {
    const tab = await signInAs('operator');
    // nothing stored and nothing published: the chart starts with the page's first second
    const drawn = await chartDrawn(tab);
    expect(drawn.ink).toBeGreaterThan(0);
    expectNoPageErrors(tab);
  });

  it('should draw the chart when the stored intensity is constant but for floating-point noise', async () => {
    // four minutes as a simulated park's store gave them, 550 g/kWh from the grid factor alone:
    // uPlot made their range [550, 550] and threw RangeError: Invalid array length (issue 20)
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
    const intensity = [550.0000007221968, 550.0000000725096, 550.0000000193805, 550];
    const power = [37.38593406, 372.36473526, 309.58933068, 369.187];
    const tab = await newTab({ width: 1440, height: 900 });
    await tab.page.route('**/api/parks/demo-park/history?*', async (route) => {
      const figure = new URL(route.request().url()).searchParams.get('figure');
      const values = figure === 'intensityGPerKwh' ? intensity : power.map((kw) => kw / 60);
      await route.fulfill({ json: { points: values.map((value, index) => ({ start: minute - (values.length - 1 - index) * MINUTE, value })) } });
    });
    await tab.page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#token=${await platform.token('viewer')}`);
    await tab.page.waitForSelector('#buildings tr[data-building=B01]');
    await chartDrawn(tab);
    expectNoPageErrors(tab);
  });

  it("should sign in with a park-scoped token, and offer only the token's parks", async () => {
    await publishToday();
    main = await signInAs('operator');
    page = main.page;
    expect(await page.getByTestId('park-picker').locator('option').allTextContents()).toEqual(['demo-park']);
    await expect.poll(() => page.getByTestId('park-power').textContent()).toBe('360.0');
    await chartDrawn(main);
  });

  it('should redraw the chart at its panel\'s width as the window goes from 1440 to 390 to 1920 px', async () => {
    const tab = await openAt('#/', { width: 1440, height: 900 });
    const widths: number[] = [];
    for (const width of [1440, 390, 1920]) {
      await tab.page.setViewportSize({ width, height: 900 });
      const drawn = await chartDrawn(tab);
      widths.push(drawn.width);
      expect(await horizontalOverflow(tab.page)).toBe(0);
    }
    // a narrower panel at 390 px, a wider one at 1920 px (two columns there) than at 390
    expect(widths[1]).toBeLessThan(widths[0] ?? 0);
    expect(widths[2]).toBeGreaterThan(widths[1] ?? 0);
    expectNoPageErrors(tab);
  });

  it('should draw the chart and the overview in a browser set to UTC and in one set to Asia/Shanghai', async () => {
    for (const [timezoneId, locale] of [['UTC', 'en-GB'], ['Asia/Shanghai', 'zh-CN']] as const) {
      const tab = await openAt('#/', { width: 1280, height: 900, timezoneId, locale });
      await tab.page.waitForSelector('#buildings tr[data-building=B01]');
      await chartDrawn(tab);
      await expect.poll(() => tab.page.getByTestId('park-power').textContent()).toBe('360.0');
      expectNoPageErrors(tab);
    }
  });

  it('should show live values change after readings are published with mosquitto_pub', async () => {
    await b01(150);
    await expect.poll(() => page.locator('#buildings tr[data-building=B01] td').nth(1).textContent()).toBe('150.0');
    await b01(175);
    await expect.poll(() => page.locator('#buildings tr[data-building=B01] td').nth(1).textContent()).toBe('175.0');
    // the energy flow gives the remainder no live sub-meter sees, 360 kW − 175 kW = 185 kW, and
    // names the buildings whose sub-meters have not reported, whose draw is inside it
    await expect.poll(() => page.locator('[data-flow=unmetered]').textContent()).toBe('Unmetered, incl. Paint shop, Offices, Demo lab 185.0 kW');
    expect(await page.locator('path[data-band=unmetered]').count()).toBe(1);
    // the 24-hour chart grows by a point a second
    const points = Number(await page.getByTestId('live-chart').getAttribute('data-points'));
    await expect.poll(async () => Number(await page.getByTestId('live-chart').getAttribute('data-points')), { timeout: 5000 }).toBeGreaterThan(points);
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });
  });

  it('should draw no band for a flow of 0.0 kW, and list gas beside the kW diagram, not in it', async () => {
    const flow = page.getByTestId('energy-flow');
    // the roof PV reads 0 kW at night: labelled, with no band
    expect(await flow.locator('text[data-flow=pv]').textContent()).toBe('On-site generation 0.0 kW');
    expect(await flow.locator('path[data-band=pv]').count()).toBe(0);
    // the Demo lab has never reported: no live reading, never 0 kW
    expect(await flow.locator('text[data-flow="building:LAB"]').textContent()).toBe('Demo lab no live reading');
    expect(await flow.locator('path[data-band="building:LAB"]').count()).toBe(0);
    // the paint shop's 512.5 − 500 = 12.5 m³ today: beside the diagram in m³, nowhere in its SVG
    await expect.poll(() => flow.locator('[data-testid=fuels] [data-flow=gas]').textContent()).toBe('Gas today 12.5 m³');
    expect(await flow.locator('svg [data-flow=gas], svg [data-band=gas]').count()).toBe(0);
    expect(await flow.locator('svg').textContent()).not.toContain('m³');
    // the diagram fills its panel's width
    const [svgWidth, panelWidth] = await Promise.all([flow.locator('svg').evaluate('(svg) => Math.round(svg.getBoundingClientRect().width)'), flow.evaluate('(node) => node.clientWidth')]);
    expect(svgWidth).toBe(panelWidth);
  });

  it('should drill into a building and show each meter with its freshness', async () => {
    await page.locator('#buildings tr[data-building=B01]').click();
    await expect.poll(() => page.getByTestId('building-name').textContent()).toBe('Assembly hall');
    await expect.poll(() => page.locator('#meters tr[data-meter=B01-MAIN]').getAttribute('data-state')).toBe('ok');
    expect(await page.locator('#meters tr[data-meter=PV-B01-ROOF]').getAttribute('data-state')).toBe('ok');
    await page.screenshot({ path: join(SCREENSHOTS, 'building.png'), fullPage: true });
    // the paint shop's electricity sub-meter has never reported: shown as such, not as fine
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/building/B02`);
    await expect.poll(() => page.locator('#meters tr[data-meter=B02-MAIN]').getAttribute('data-state')).toBe('never');
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
      // on a 360 px phone the operator reaches Acknowledge without scrolling sideways
      const phone = await openAt('#/alerts', { width: 360, height: 740 });
      const acknowledge = phone.page.locator('#current-alerts tr[data-rule=b01-overload]').getByTestId('acknowledge');
      await acknowledge.waitFor();
      expect(await acknowledge.isVisible()).toBe(true);
      const box = await acknowledge.boundingBox();
      expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
      expect(await horizontalOverflow(phone.page)).toBe(0);
      await phone.page.screenshot({ path: join(SCREENSHOTS, 'alerts-phone.png') });
      await row.getByTestId('acknowledge').click();
      await expect.poll(() => row.getAttribute('data-state')).toBe('acknowledged');
      expect(await row.textContent()).toContain('live-suite-operator');
    } finally {
      clearInterval(overload);
    }
  });

  it('should not let a viewer acknowledge', async () => {
    const viewerTab = await signInAs('viewer');
    const viewer = viewerTab.page;
    await viewer.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/alerts`);
    const row = viewer.locator('#current-alerts tr[data-rule=b01-overload]');
    await row.waitFor();
    expect(await row.getByTestId('acknowledge').count()).toBe(0);
    expect(await viewer.locator('#alerts-role').textContent()).toContain('acknowledging needs the operator role');
    // and the server refuses it too, whatever the page offers
    const alertId = await row.getAttribute('data-alert');
    // from the page, with the token it keeps (an expression: this project's TypeScript has no DOM types)
    const status = await viewer.evaluate<number>(`(async () => {
      const token = sessionStorage.getItem('zeropark-token') ?? '';
      const response = await fetch(${JSON.stringify(`/api/parks/demo-park/alerts/${alertId}/acknowledge`)}, { method: 'POST', headers: { authorization: 'Bearer ' + token } });
      return response.status;
    })()`);
    expect(status).toBe(403);
    // the 403 is this case's own request (its response and Chromium's console line for it)
    provoked(viewerTab, `/alerts/${alertId}/acknowledge`);
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
    // the table's lines; comment lines (#, such as up to when the series is complete) are not rows
    const rows = readFileSync(await download.path(), 'utf8').trim().split('\r\n').filter((line) => !line.startsWith('#')).map((line) => line.split(','));
    expect(download.suggestedFilename()).toMatch(/^demo-park_gridImportKwh_.*_1d\.csv$/);
    expect(rows[0]).toEqual(['start_utc', 'start_local (Asia/Shanghai)', 'period', 'Grid import (kWh)']);
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

  /** Each page and what shows it has loaded. */
  const PAGES: [name: string, route: string, ready: string][] = [
    ['overview', '#/', '#buildings tr[data-building=B01]'],
    ['building', '#/building/B01', '#meters tr[data-meter=B01-MAIN]'],
    ['alerts', '#/alerts', '#alert-history tr'],
    ['history', '#/history', '#history-rows tr, #history-status:not(:empty)'],
    ['report', `#/report/${new Date(Date.now() + SHANGHAI).toISOString().slice(0, 7)}`, '[data-testid=report] h2'],
  ];

  it('should fit every page in a 360 px phone with nothing overflowing sideways', async () => {
    const signIn = await newTab({ width: 360, height: 740 });
    await signIn.page.goto(`http://127.0.0.1:${platform.carbonPort}/`);
    await signIn.page.getByTestId('token-input').waitFor();
    expect(await horizontalOverflow(signIn.page)).toBe(0);
    const phone = await openAt('#/', { width: 360, height: 740 });
    for (const [name, route, ready] of PAGES) {
      await phone.page.evaluate(`location.hash = ${JSON.stringify(route)}`);
      await phone.page.waitForSelector(ready);
      expect({ name, overflow: await horizontalOverflow(phone.page) }).toEqual({ name, overflow: 0 });
      if (name === 'overview') {
        await chartDrawn(phone);
        await phone.page.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
      }
    }
  });

  it('should show KPIs, energy flow, chart and buildings above the fold of a 1920 × 1080 wall display, every page fitting its width', async () => {
    const wall = await openAt('#/', { width: 1920, height: 1080 });
    await wall.page.waitForSelector('#buildings tr[data-building=B01]');
    await chartDrawn(wall);
    const edges = await bottoms(wall.page, ['.figures', '.panel-flow', '.panel-chart', '.panel-buildings']);
    for (const [selector, bottom] of Object.entries(edges)) expect({ selector, bottom: Math.min(bottom, 1080) }).toEqual({ selector, bottom });
    await wall.page.screenshot({ path: join(SCREENSHOTS, 'overview-wall.png') });
    for (const [name, route, ready] of PAGES) {
      await wall.page.evaluate(`location.hash = ${JSON.stringify(route)}`);
      await wall.page.waitForSelector(ready);
      expect({ name, overflow: await horizontalOverflow(wall.page) }).toEqual({ name, overflow: 0 });
    }
  });

  it('should serve its icon: no request of the page answered 404 or worse, /favicon.ico included', async () => {
    const tab = await openAt('#/', { width: 1280, height: 900 });
    await tab.page.waitForSelector('#buildings tr[data-building=B01]');
    expect(await tab.page.locator('link[rel=icon]').first().getAttribute('href')).toBe('/favicon.svg');
    // what a browser fetches for the tab's icon (Chromium does so outside the page's own requests)
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const response = await tab.page.request.get(`http://127.0.0.1:${platform.carbonPort}${path}`);
      expect({ path, status: response.status() }).toEqual({ path, status: 200 });
    }
    // every response the page had (the newTab listener) was below 400: checked after the case
  });

  it('should say when it loses the connection, and come back by itself after the service restarts', async () => {
    await page.goto(`http://127.0.0.1:${platform.carbonPort}/?park=demo-park#/`);
    await page.waitForSelector('[data-testid=connection][data-state=live]');
    const restarted = platform.restartCarbon('SIGTERM');
    await page.waitForSelector('[data-testid=connection][data-state=offline]', { timeout: 15_000 });
    await restarted;
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 30_000 });
    // the outage was provoked: Chromium's console names each WebSocket (and request) refused while the service was down
    provoked(main, 'ERR_CONNECTION_REFUSED');
    provoked(main, 'WebSocket connection to');
    await b01(190);
    await expect.poll(() => page.locator('#buildings tr[data-building=B01] td').nth(1).textContent(), { timeout: 10_000 }).toBe('190.0');
    await expect.poll(() => page.getByTestId('park-power').textContent()).toBe('360.0');
  });
});
