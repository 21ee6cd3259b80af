import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * What the console's browser tests need: the whole local stack (`npm start`'s entry point) on
 * ports the kernel picks, serving the built console, and Debian's Chromium driven headless by
 * playwright-core. `.ci/run` installs Chromium when it is missing, as it does Java.
 */
export const CHROMIUM = '/usr/bin/chromium';
/** Git-ignored: every browser test leaves its screenshot here. */
export const SCREENSHOTS = resolve('test-results/browser');

const TSX = resolve('node_modules/.bin/tsx');
const PATH = `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`;

export interface Stack {
  apiUrl: string;
  consoleUrl: string;
  /** The simulator's generic-protocol base URL, as `npm start` prints it. */
  genericPmsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the stack, again if the demo import was refused by the simulated Cloudbeds' rate limit:
 * under CPU contention the client's limiter and the simulator's window can disagree; reads that get
 * a 429 are retried, and this is the guard for a write or a read that ran out of retries. Any other
 * failure fails at once.
 */
export async function startStack(attempts = 3): Promise<Stack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce();
    } catch (error) {
      // The simulator's 429, or our own limiter giving up on a request slot (shared/adapters/pms/rate-limiter.ts).
      if (attempt >= attempts || !/rate-limited us|Too many requests are waiting for/.test((error as Error).message)) throw error;
      console.warn(`npm start attempt ${attempt} hit the simulated Cloudbeds rate limit; starting again`);
    }
  }
}

async function startStackOnce(timeoutMs = 120_000): Promise<Stack> {
  let stdout = '';
  let stderr = '';
  const child: ChildProcess = spawn(TSX, ['local/start.ts'], {
    // Schedules off: no poll may change a PMS config while a test looks at it.
    // Limits off: one admin clicking through six scenarios in a minute is over the per-user limit
    // (100 requests a minute), which test/local tests on its own.
    env: { ...process.env, PATH, PORT: '0', DYNAMODB_LOCAL_PORT: '0', LOCAL_ACCESS_LOG: 'false', RATE_LIMITS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (!/\bReady\b/.test(stdout)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${stdout}\n${stderr}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm start was not ready after ${timeoutMs} ms:\n${stdout}\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const apiUrl = /^\s+API\s+(http:\/\/\S+)$/m.exec(stdout)?.[1];
  const consoleUrl = /^\s+Console\s+(http:\/\/\S+\/console\/)/m.exec(stdout)?.[1];
  const genericPmsUrl = /generic (http:\/\/\S+\/generic)\)/.exec(stdout)?.[1];
  if (!apiUrl || !consoleUrl || !genericPmsUrl) {
    await stop();
    throw new Error(`npm start did not print the API, console and PMS URLs:\n${stdout}`);
  }
  return { apiUrl, consoleUrl, genericPmsUrl, stop };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with apt-get install -y chromium (.ci/run does)`);
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'Europe/Lisbon',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** An admin token from the stack's local issuer, for arranging state through the public API. */
export async function adminToken(apiUrl: string): Promise<string> {
  const res = await fetch(`${apiUrl}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' });
  return ((await res.json()) as { data: { token: string } }).data.token;
}
