import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleStaticHandler, resolveConsoleRequest, safeSegments, SECURITY_HEADERS } from '../../../local/console/console-static.ts';
import { consoleBuildState } from '../../../local/console/console-service.ts';
import { createLocalApi, type LocalApi } from '../../../local/api-gateway/local-api.ts';
import { createLocalJwtAuthorizer } from '../../../local/api-gateway/jwt-authorizer.ts';

/** The console's static files on the local API server, from a throw-away build folder. */
describe('console static files', () => {
  let dir: string;
  let root: string;
  let api: LocalApi;
  const config = { apiBase: '/api', auth: { mode: 'local' } };
  const get = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${api.port}${path}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-static-'));
    root = join(dir, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'outside the build');
    api = await createLocalApi({ routes: [], authorizer: await createLocalJwtAuthorizer(), port: 0, host: '127.0.0.1' });
    const handle = consoleStaticHandler({ root, basePath: '/console', runtimeConfig: config });
    api.addMount({ prefix: '/console/', handle: (req, res) => handle(req, res) });
  });

  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files with their content types, hashed assets cacheable for good, and the security headers', async () => {
    const js = await get('/console/assets/index-abc123.js');
    const css = await get('/console/assets/index-abc123.css');
    const index = await get('/console/');

    expect([js.status, js.headers.get('content-type'), js.headers.get('cache-control')]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
    expect(await js.text()).toBe('console.log(1)');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect([index.status, index.headers.get('content-type'), index.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
    expect(index.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['content-security-policy']);
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers index.html for any page path, so deep links and reloads work, but 404 for a missing file', async () => {
    const page = await get('/console/bookings/bk_123?status=FAILED');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>console</title>');
    expect((await get('/console/assets/missing.js')).status).toBe(404);
  });

  it('redirects /console to /console/, keeping the query', async () => {
    const res = await get('/console?x=1');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/console/?x=1');
  });

  it("answers config.json from the running stack, never cached", async () => {
    const res = await get('/console/config.json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(config);
  });

  it('never leaves the build folder, however the path is spelled', async () => {
    for (const path of ['/console/..%2Fsecret.txt', '/console/%2e%2e/secret.txt', '/console/assets/..%5C..%5Csecret.txt', '/console/%00', '/console/%E0%A4%A']) {
      const res = await get(path);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('outside the build');
    }
    expect(safeSegments('a/../b')).toBeUndefined();
    expect(safeSegments('assets//x.js')).toEqual(['assets', 'x.js']);
    expect((await resolveConsoleRequest({ root, basePath: '/console', runtimeConfig: {} }, '/consolex')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/console/assets/index-abc123.js', { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '14', '']);
    expect((await get('/console/', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('says the console is not built instead of serving nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-empty-'));
    try {
      const answer = await resolveConsoleRequest({ root: empty, basePath: '/console', runtimeConfig: {} }, '/console/bookings');
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('npm run console:build');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('consoleBuildState', () => {
  it('is missing without a build, stale when a source is newer, fresh otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-build-'));
    try {
      mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
      writeFileSync(join(dir, 'src', 'pages', 'a.tsx'), 'x');
      writeFileSync(join(dir, 'index.html'), 'x');
      expect(await consoleBuildState(dir)).toBe('missing');

      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'index.html'), 'built');
      const past = new Date(Date.now() - 60_000);
      for (const p of [join(dir, 'src', 'pages', 'a.tsx'), join(dir, 'src', 'pages'), join(dir, 'src'), join(dir, 'index.html')]) utimesSync(p, past, past);
      expect(await consoleBuildState(dir)).toBe('fresh');

      const future = new Date(Date.now() + 60_000);
      utimesSync(join(dir, 'src', 'pages', 'a.tsx'), future, future);
      expect(await consoleBuildState(dir)).toBe('stale');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
