import { requireCommand } from '@zeropark/test-servers';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, driven by playwright-core; missing Chromium is a failure, never a skip. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = requireCommand('chromium', 'chromium');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

export interface DashboardTab {
  page: Page;
  /** page errors and console errors seen so far, each as text */
  errors: string[];
}

/**
 * A new tab with the given viewport, time zone (IANA) and locale; records every pageerror and
 * console 'error' message. Each tab has its own browser context, so the time zone and locale
 * apply to it alone, and closing the page closes its context.
 */
export async function openTab(browser: Browser, options: { width?: number; height?: number; timezoneId?: string; locale?: string } = {}): Promise<DashboardTab> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${url === '' ? '' : ` (${url}:${lineNumber})`}`);
  });
  // the tab's context goes with it; when the whole browser is closing, it is gone already
  page.on('close', () => void context.close().catch(() => undefined));
  return { page, errors };
}

/**
 * Fails the test with the recorded errors, if any. It throws rather than calling vitest's
 * `expect`, so that scripts outside vitest (the dashboard bench) can import this module.
 */
export function expectNoPageErrors(tab: DashboardTab): void {
  if (tab.errors.length > 0) throw new Error(`the page reported ${tab.errors.length} error(s):\n${tab.errors.join('\n')}`);
}

/** The page's horizontal overflow: document.scrollWidth − window.innerWidth (0 when nothing overflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // an expression, not a function: this project's TypeScript has no DOM types
  return page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
}
