import { execFile, spawn } from 'node:child_process';

/**
 * Makes sure a child process (DynamoDB Local's java) dies with this Node process, even when this
 * process cannot clean up: SIGKILL, an out-of-memory kill, or tsx's signal relay, which SIGKILLs
 * the script when it does not acknowledge a SIGTERM within 60 ms (easily missed while start-up
 * keeps the event loop busy on a loaded machine).
 *
 * A tiny detached Node process holds the read end of a pipe from us. When we exit for any reason
 * the kernel closes the pipe; unless we released it first (a normal stop), the guard kills the
 * child, after checking by its command line that the pid still belongs to that child. The guard
 * then exits, so it never outlives the stack by more than a moment.
 */
export interface OrphanGuard {
  /** The child was stopped properly: the guard exits without killing anything. */
  release(): void;
}

const GUARD_SCRIPT = `
const { spawnSync } = require('node:child_process');
const [pid, ...markers] = process.argv.slice(1);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
let released = false;
process.stdin.on('data', (chunk) => { if (String(chunk).includes('release')) released = true; });
const finish = () => {
  if (!released) {
    const probe = spawnSync('ps', ['-p', pid, '-o', 'args='], { encoding: 'utf8' });
    const command = probe.stdout || '';
    if (markers.every((m) => command.includes(m))) {
      try { process.kill(Number(pid), 'SIGKILL'); } catch {}
    }
  }
  process.exit(0);
};
process.stdin.on('end', finish);
process.stdin.on('error', finish);
process.stdin.resume();
`;

function startGuard(pid: number, markers: string[]): OrphanGuard {
  try {
    const guard = spawn(process.execPath, ['-e', GUARD_SCRIPT, String(pid), ...markers], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    guard.on('error', () => undefined);
    guard.unref();
    const pipe = guard.stdin!;
    pipe.on('error', () => undefined);
    (pipe as unknown as { unref?: () => void }).unref?.();
    return {
      release() {
        if (pipe.writable) pipe.end('release\n');
      },
    };
  } catch {
    return { release: () => undefined };
  }
}

function childPids(pattern: string): Promise<number[]> {
  return new Promise((resolve) => {
    execFile('pgrep', ['-P', String(process.pid), '-f', pattern], { encoding: 'utf8' }, (_error, stdout) => {
      resolve((stdout ?? '').split('\n').filter(Boolean).map(Number));
    });
  });
}

export interface ChildGuard extends OrphanGuard {
  /** Looks one last time for the child (call once the code that spawns it has returned). */
  settle(): Promise<void>;
}

/**
 * Watches for this process's child whose command line matches `pattern` (a `pgrep -f` regex) and
 * guards it from the moment it appears, so even a kill during its start-up leaves nothing behind.
 * Call it just before the code that spawns the child; `markers` must all be in the child's command
 * line for the guard to kill it. Without `pgrep`/`ps` it quietly guards nothing.
 */
export function guardChildProcess(pattern: string, markers: string[], pollMs = 100): ChildGuard {
  let guard: OrphanGuard | undefined;
  let released = false;
  let timer: NodeJS.Timeout | undefined;

  const look = async () => {
    if (guard || released) return;
    const [pid] = await childPids(pattern);
    if (pid !== undefined && !guard && !released) guard = startGuard(pid, markers);
  };
  const poll = () => {
    timer = setTimeout(() => void look().finally(() => !guard && !released && poll()), pollMs);
  };
  poll();

  return {
    async settle() {
      clearTimeout(timer);
      await look();
    },
    release() {
      released = true;
      clearTimeout(timer);
      guard?.release();
    },
  };
}
