// The portal in a real browser for tests: Vite serving portal/, Debian's Chromium (headless,
// driven by puppeteer-core), a page connected to a node.

import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { freePort } from '../src/node.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface Portal {
  page: Page;
  /** The origin the portal is served from (what a gateway's --allow-origin names). */
  origin: string;
  /** Opens the portal (again) with these query parameters, and waits until it is connected. */
  open(query: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function startPortal(): Promise<Portal> {
  const port = await freePort();
  const vite: ViteDevServer = await createServer({
    configFile: fileURLToPath(new URL('../portal/vite.config.ts', import.meta.url)),
    server: { port, host: '127.0.0.1', strictPort: true },
    logLevel: 'warn',
  });
  await vite.listen();
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 1400 });
    page.on('pageerror', (error) => console.error('page error:', error));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') console.error(`page ${message.type()}: ${message.text()}`);
    });
    const opened = browser;
    return {
      page,
      origin: `http://127.0.0.1:${port}`,
      open: async (query) => {
        await page.goto(`http://127.0.0.1:${port}/?${new URLSearchParams(query).toString()}`);
        await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.textContent?.startsWith('connected'), { timeout: 120_000 });
      },
      close: async () => {
        await opened.close();
        await vite.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await vite.close();
    throw error;
  }
}
