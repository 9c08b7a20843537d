import { requireCommand } from '@zeropark/test-servers';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless, driven by playwright-core; missing Chromium is a failure, never a skip. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = requireCommand('chromium', 'chromium');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
