import { spawn } from 'node:child_process';
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleStaticHandler } from './console-static.ts';
import { tokenRoute } from '../cognito/token-route.ts';
import type { LocalService } from '../stack/services.ts';

/**
 * The admin console in the local stack: builds `console/` when its build is missing or older than
 * its sources (about 2 s; skipped otherwise, so `npm start` stays fast), serves it at
 * `/console/` with a `config.json` for local sign-in, and adds `POST /_local/token` for that
 * sign-in. On AWS the console is hosted from S3 behind CloudFront and none of this exists.
 */
export const CONSOLE_DIR = fileURLToPath(new URL('../../console/', import.meta.url));
export const CONSOLE_BASE_PATH = '/console';
/** What the deployment's `config.json` says locally: the API on the same origin, local sign-in. */
export const LOCAL_RUNTIME_CONFIG = { apiBase: '/api', auth: { mode: 'local' } } as const;

const SOURCES = ['index.html', 'vite.config.ts', 'tsconfig.json', 'src'];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** `missing` (no build), `stale` (a source is newer than the build) or `fresh`. */
export async function consoleBuildState(consoleDir: string = CONSOLE_DIR): Promise<'missing' | 'stale' | 'fresh'> {
  const built = await stat(join(consoleDir, 'dist', 'index.html')).catch(() => undefined);
  if (!built) return 'missing';
  const sources = Math.max(...(await Promise.all(SOURCES.map((s) => newestMtime(join(consoleDir, s))))));
  return sources > built.mtimeMs ? 'stale' : 'fresh';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One build at a time per checkout: two stacks starting at once (a test and a developer) must not
 * write `console/dist` together. The lock file holds the builder's pid; a dead builder's lock is
 * taken over.
 */
async function withBuildLock<T>(consoleDir: string, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const lockFile = join(consoleDir, '.build.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(lockFile, 'utf8').catch(() => ''));
      if (owner && !isAlive(owner)) await rm(lockFile, { force: true });
      else if (Date.now() > deadline) throw new Error(`${lockFile} is held by process ${owner}: remove it if no build is running`);
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

function runViteBuild(consoleDir: string): Promise<void> {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, [vite, 'build', '--config', join(consoleDir, 'vite.config.ts'), '--logLevel', 'warn'], {
      cwd: dirname(consoleDir.replace(/\/+$/, '')),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the console build failed (exit ${code}): ${output.trim().split('\n').slice(-5).join(' / ')}`))));
  });
}

/** Builds the console when needed; says what it did. */
export async function ensureConsoleBuilt(consoleDir: string = CONSOLE_DIR): Promise<'fresh' | 'built'> {
  if ((await consoleBuildState(consoleDir)) === 'fresh') return 'fresh';
  return withBuildLock(consoleDir, async () => {
    // Another process may have built it while this one waited for the lock.
    if ((await consoleBuildState(consoleDir)) === 'fresh') return 'fresh';
    await runViteBuild(consoleDir);
    return 'built';
  });
}

export const consoleService: LocalService = {
  name: 'Console',
  async start(ctx) {
    const built = await ensureConsoleBuilt();
    const handle = consoleStaticHandler({ root: join(CONSOLE_DIR, 'dist'), basePath: CONSOLE_BASE_PATH, runtimeConfig: LOCAL_RUNTIME_CONFIG });
    ctx.addMount({ prefix: `${CONSOLE_BASE_PATH}/`, handle: (req, res) => handle(req, res) });
    ctx.addLocalRoute(tokenRoute());
    const apiUrl = process.env.API_BASE_URL ?? 'http://localhost:3000';
    return { url: `${apiUrl}${CONSOLE_BASE_PATH}/ (admin console: sign in as admin or a hotel manager${built === 'built' ? '; just built' : ''})` };
  },
  async stop() {},
};
