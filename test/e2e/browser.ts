// Chromium for the e2e test: Debian's package, driven by playwright-core (`npx playwright install` cannot download here).
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((p): p is string => !!p);

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((p) => fs.existsSync(p));
}

/** A phone-sized window (the shop), or with `desktop` a 1440×900 one (the staff console). */
export async function launch(
  opts: { desktop?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error(`no Chromium found (tried ${CANDIDATES.join(', ')}): apt-get install -y chromium`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    ...(opts.desktop
      ? { viewport: { width: 1440, height: 900 } }
      : { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where the e2e tests keep their screenshots. */
export const SCREENS = path.join(__dirname, 'screens');

/** The page on top of Taro's H5 page stack (the ones below stay in the DOM, hidden). */
export const top = (page: Page) => page.locator('.taro_page').last();

/** A screenshot of the shop once the page on top stands still (navigateTo slides it in from the right). */
export async function shot(page: Page, name: string) {
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_page');
    const last = pages[pages.length - 1];
    return !last || Math.abs(last.getBoundingClientRect().left) < 0.5;
  });
  await page.waitForTimeout(150); // let the last paint settle
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}
