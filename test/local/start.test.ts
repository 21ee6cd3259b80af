import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { delimiter, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { issueToken } from '../../local/cognito/local-issuer.ts';
import { freePort } from '../../local/dynamodb/dynamodb-local.ts';

/**
 * `npm start` end to end: the real entry point in a child process, on ports the kernel picks, so it
 * never clashes with a stack a developer is running. Stacks run with RATE_LIMITS=off unless the
 * test is about the limits, like every test that starts the local server.
 */
const TSX = resolve('node_modules/.bin/tsx');
// tsx's shebang runs `env node`: put the project's Node 24 first.
const PATH = `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`;

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startStack(env: Record<string, string>, args: string[] = []): Started {
  let stdout = '';
  let stderr = '';
  const child = spawn(TSX, ['local/start.ts', ...args], {
    env: { ...process.env, PATH, LOCAL_ACCESS_LOG: 'false', RATE_LIMITS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group (tsx, the node it starts, DynamoDB Local's java), so a test that fails
    // half-way can end all of it at once.
    detached: true,
  });
  groups.push(child.pid!);
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitForReady(stack: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!/\bReady\b/.test(stack.stdout())) {
    if (stack.child.exitCode !== null) throw new Error(`npm start exited early:\n${stack.stdout()}\n${stack.stderr()}`);
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms:\n${stack.stdout()}\n${stack.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** PIDs of DynamoDB Local processes listening on `port` (its command line carries `-port N`). */
function dynamoPids(port: number): number[] {
  const result = spawnSync('pgrep', ['-f', `DynamoDBLocal\\.jar .*-port ${port}( |$)`], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number);
}

function childPids(parent: number, pattern?: string): number[] {
  const args = ['-P', String(parent), ...(pattern ? ['-f', pattern] : [])];
  return spawnSync('pgrep', args, { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
}

function isAlive(pid: number): boolean {
  const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return state !== '' && !state.startsWith('Z');
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

function stderrLines(stack: Started): string[] {
  return stack.stderr().split('\n').filter((line) => line.trim() !== '');
}

/**
 * How long a test waits for `Ready`: far beyond the seconds start-up takes, because on a machine
 * whose cores are busy (CI, other sessions, the rest of this suite) it takes many times that, and a
 * slow machine must slow this test down, not fail it. Start-up speed is measured, not asserted.
 */
const READY_WITHIN_MS = 180_000;

const leftovers: number[] = [];
/** Process groups of the stacks this file started (each led by its tsx process). */
const groups: number[] = [];

afterAll(() => {
  // Only if a test failed half-way: end what this file started, by group and by pid (the orphan
  // guard runs in a group of its own).
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

describe('npm start', () => {
  it('brings up the stack with its limits on, serves demo data, books the banner\'s example, and stops everything on SIGTERM', { timeout: 240_000 }, async () => {
    const began = Date.now();
    // RATE_LIMITS unset: the default, on. This test sends a handful of requests, far below any limit.
    const stack = startStack({ PORT: '0', DYNAMODB_LOCAL_PORT: '0', RATE_LIMITS: '' });
    leftovers.push(stack.child.pid!);

    await waitForReady(stack, READY_WITHIN_MS);
    const readyMs = Date.now() - began;
    const apiUrl = /^\s+API\s+(http:\/\/\S+)$/m.exec(stack.stdout())?.[1];
    const dynamoPort = Number(/DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(stack.stdout())?.[1]);
    const javaPids = dynamoPids(dynamoPort);
    const [nodePid] = childPids(stack.child.pid!);
    const guardPids = childPids(nodePid!, ' -e ');
    leftovers.push(...javaPids, ...guardPids);
    console.info(`npm start: Ready after ${readyMs} ms (${/Ready in [^\n]*/.exec(stack.stdout())?.[0]})`);

    expect(apiUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(javaPids).toHaveLength(1);
    expect(guardPids).toHaveLength(1);
    expect(stack.stdout()).toMatch(/curl "http:\/\/localhost:\d+\/api\/inventory\/htl_seoul_hanriver\/rt_deluxe_double\?startDate=\d{4}-\d{2}-\d{2}&endDate=\d{4}-\d{2}-\d{2}"/);
    expect(stack.stdout()).toContain('npm run -s token -- admin');
    expect(stack.stdout()).toMatch(/^\s+Limits\s+on: POST \/api\/booking\/checkout 20\/s/m);
    const limits = (await (await fetch(`${apiUrl}/_local/rate-limits`)).json()) as { data: { enabled: boolean } };
    expect(limits.data.enabled).toBe(true);

    const health = await fetch(`${apiUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ success: true, data: { status: 'ok', dependencies: { storage: { status: 'ok', latencyMs: expect.any(Number) } } } });

    const hotels = (await (await fetch(`${apiUrl}/api/hotels`)).json()) as { data: Array<{ hotelId: string; city: string }> };
    expect(hotels.data.length).toBeGreaterThanOrEqual(3);
    expect(new Set(hotels.data.map((h) => h.city)).size).toBeGreaterThanOrEqual(2);

    const today = todayIn('Asia/Seoul');
    const inventory = await fetch(
      `${apiUrl}/api/inventory/htl_seoul_hanriver/rt_deluxe_double?startDate=${today}&endDate=${addDays(today, 364)}`,
    );
    const nights = ((await inventory.json()) as { data: Array<{ date: string; available: number }> }).data;
    expect(inventory.status).toBe(200);
    expect(nights).toHaveLength(365);
    expect(nights.every((n) => n.available > 0)).toBe(true);

    // The banner's checkout, pasted as printed (its shell $(date +%s) key made concrete), books a room...
    const body = /-d '(\{.*\})'$/m.exec(stack.stdout())![1]!;
    const checkout = await fetch(`${apiUrl}/api/booking/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `start-test-${process.pid}` },
      body,
    });
    const booked = (await checkout.json()) as { bookingId?: string; data?: { bookingId: string } };
    expect([201, 202]).toContain(checkout.status);
    const bookingId = booked.bookingId ?? booked.data!.bookingId;
    // ...that the guest of the banner's token command can read.
    const [, guestId, email] = /TOKEN=\$\(npm run -s token -- guest (\S+) (\S+)\)/.exec(stack.stdout())!;
    const token = await issueToken({ role: 'guest', subject: guestId!, email: email! });
    const asGuest = await fetch(`${apiUrl}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(asGuest.status).toBe(200);

    stack.child.kill('SIGTERM');
    const { code } = await stack.exit;

    expect(code).toBe(0);
    expect(stack.stdout()).toContain('Stopped.');
    expect(await accepts(dynamoPort)).toBe(false);
    expect(dynamoPids(dynamoPort)).toEqual([]);
    expect(await accepts(Number(new URL(apiUrl!).port))).toBe(false);
    expect(isAlive(nodePid!)).toBe(false);
    expect(await eventually(() => !isAlive(guardPids[0]!), 5_000)).toBe(true);
  });

  it('leaves no java behind even when its Node process is killed outright (SIGKILL)', { timeout: 240_000 }, async () => {
    const stack = startStack({ PORT: '0', DYNAMODB_LOCAL_PORT: '0' });
    leftovers.push(stack.child.pid!);
    await waitForReady(stack, READY_WITHIN_MS);
    const dynamoPort = Number(/DynamoDB\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(stack.stdout())?.[1]);
    const [nodePid] = childPids(stack.child.pid!);
    const guardPids = childPids(nodePid!, ' -e ');
    leftovers.push(...dynamoPids(dynamoPort), nodePid!, ...guardPids);
    expect(dynamoPids(dynamoPort)).toHaveLength(1);
    expect(guardPids).toHaveLength(1);

    process.kill(nodePid!, 'SIGKILL');
    await stack.exit;
    // A dying process loses its command line a moment before its sockets: wait for both.
    const gone = await eventually(
      async () => dynamoPids(dynamoPort).length === 0 && !isAlive(guardPids[0]!) && !(await accepts(dynamoPort)),
      10_000,
    );

    expect(gone).toBe(true);
  });

  describe('refuses to start, in one line, and leaves nothing behind', () => {
    let blocker: Server | undefined;

    afterAll(async () => {
      await new Promise((done) => (blocker ? blocker.close(done) : done(undefined)));
    });

    it('when PORT is in use', { timeout: 60_000 }, async () => {
      blocker = createServer();
      await new Promise<void>((done) => blocker!.listen(0, '127.0.0.1', done));
      const busy = (blocker.address() as { port: number }).port;
      const dynamoPort = await freePort();

      const stack = startStack({ PORT: String(busy), DYNAMODB_LOCAL_PORT: String(dynamoPort) });
      leftovers.push(stack.child.pid!);
      const { code } = await stack.exit;

      expect(code).toBe(1);
      expect(stderrLines(stack)).toEqual([`Port ${busy} is in use: stop whatever uses it, or run PORT=${busy + 1} npm start`]);
      expect(dynamoPids(dynamoPort)).toEqual([]);
    });

    it('when java is missing', { timeout: 60_000 }, async () => {
      const stack = startStack({ PORT: '0', DYNAMODB_LOCAL_PORT: '0', PATH: resolve('node_modules/.bin') });
      leftovers.push(stack.child.pid!);
      const { code } = await stack.exit;

      expect(code).toBe(1);
      expect(stderrLines(stack)).toHaveLength(1);
      expect(stack.stderr()).toMatch(/needs Java .* install it/);
    });

    it('when a setting is bad, naming it', { timeout: 60_000 }, async () => {
      const stack = startStack({ PORT: 'three thousand' });
      leftovers.push(stack.child.pid!);
      const { code } = await stack.exit;

      expect(code).toBe(1);
      expect(stderrLines(stack)).toEqual([expect.stringMatching(/^Cannot start: PORT must be a whole number .*"three thousand"/)]);
    });
  });
});
