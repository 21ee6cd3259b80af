import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { freePort, JavaMissingError, ensureTable, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { createLocalApi, functionsDirLoader, cachedLoader, type AccessLogEntry, type LocalApi, type LocalRoute } from './http-server.ts';
import { createLocalJwtAuthorizer } from './jwt-authorizer.ts';
import { guardChildProcess } from './orphan-guard.ts';
import { LocalConfigError, parseLocalConfig, type LocalConfig } from './local-config.ts';
import { startScheduler } from './scheduler.ts';
import { localServices, type LocalServiceContext } from './services.ts';
import { FaultRegistry } from './simulators/fault-registry.ts';

/**
 * `npm start`: the whole product on this machine, in the foreground. DynamoDB Local (in memory, or
 * in `--data-dir`), the table, the simulators, demo data, the schedules and the HTTP API on PORT,
 * then one line with `Ready`. Ctrl-C or SIGTERM stops everything it started, in reverse order.
 *
 * Start-up problems a person can fix (a busy port, no java, a bad variable) end in one line saying
 * what to do, and exit 1 after stopping whatever had already started.
 *
 * Nothing under `shared/` or `functions/` is imported before the environment is set: handlers,
 * their logger and their config read `process.env` when they load, exactly as in a Lambda.
 */

class StartupError extends Error {
  override readonly name = 'StartupError';
}

interface Running {
  name: string;
  stop(): Promise<void>;
}

const running: Running[] = [];
let stopping = false;

/** Remembers what to stop, newest first. */
function track(name: string, stop: () => Promise<void>): void {
  running.push({ name, stop });
}

async function stopAll(): Promise<void> {
  for (let item = running.pop(); item; item = running.pop()) {
    try {
      await item.stop();
    } catch (error) {
      console.error(`Could not stop ${item.name}: ${(error as Error).message}`);
    }
  }
}

function checkStillStarting(): void {
  if (stopping) throw new StartupError('stopped during start-up');
}

/** Listens on the port for a moment, to turn "in use" into advice before anything starts. */
async function assertPortFree(port: number, describe: (port: number) => string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(describe(port)));
      else if (error.code === 'EACCES') reject(new StartupError(`Port ${port} needs privileges this user lacks: choose a port above 1023.`));
      else reject(error);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

const apiPortBusy = (port: number) =>
  `Port ${port} is in use: stop whatever uses it, or run PORT=${port + 1} npm start`;
const dynamoPortBusy = (port: number) =>
  `Port ${port} (DynamoDB Local) is in use: stop whatever uses it, or run DYNAMODB_LOCAL_PORT=${port + 1} npm start`;

/**
 * The variables a Lambda would have, set before any handler is imported. Credentials are dummies
 * on purpose: a local handler must never reach a real AWS account with a developer's keys.
 */
function setFunctionEnvironment(config: LocalConfig, dynamoEndpoint: string, apiBaseUrl: string): void {
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, {
    TABLE_NAME: config.tableName,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    API_BASE_URL: apiBaseUrl,
    POWERTOOLS_LOG_LEVEL: config.logLevel,
    POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'hotel-booking',
    // Metrics would print an EMF blob per request: noise on a laptop, unless asked for.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
}

function formatAccess(entry: AccessLogEntry): string {
  return `${entry.method} ${entry.path} -> ${entry.status} (${entry.durationMs} ms)`;
}

function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`.replace(/\s*\n\s*/g, ' ');
}

/** How long each start-up phase took, printed with `Ready` so a slow start says where it went. */
const phases: string[] = [];
let phaseStart = performance.now();
function phase(name: string): void {
  const now = performance.now();
  phases.push(`${name} ${((now - phaseStart) / 1000).toFixed(1)} s`);
  phaseStart = now;
}

async function main(): Promise<void> {
  const config = parseLocalConfig(process.env, process.argv.slice(2));

  const apiPort = config.port === 0 ? await freePort() : config.port;
  if (config.port !== 0) await assertPortFree(config.port, apiPortBusy);
  if (config.dynamoDbLocalPort !== 0) await assertPortFree(config.dynamoDbLocalPort, dynamoPortBusy);
  if (config.dataDir) await mkdir(config.dataDir, { recursive: true });
  checkStillStarting();
  phase('checks');

  // startDynamoDbLocal checks for java first (one line if it is missing).
  const javaGuard = guardChildProcess('DynamoDBLocal\\.jar', ['DynamoDBLocal.jar']);
  let dynamo: DynamoDbLocal;
  try {
    dynamo = await startDynamoDbLocal({
      ...(config.dynamoDbLocalPort !== 0 ? { port: config.dynamoDbLocalPort } : {}),
      ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    });
  } catch (error) {
    javaGuard.release(); // startDynamoDbLocal stopped its java before rejecting
    throw error;
  }
  await javaGuard.settle();
  track('DynamoDB Local', async () => {
    await dynamo.stop();
    javaGuard.release();
  });
  checkStillStarting();
  await ensureTable(dynamo.endpoint, config.tableName);
  phase('DynamoDB Local');

  const apiUrl = `http://localhost:${apiPort}`;
  setFunctionEnvironment(config, dynamo.endpoint, apiUrl);

  const loadHandler = cachedLoader(functionsDirLoader());
  const faults = new FaultRegistry();
  const pendingLocalRoutes: LocalRoute[] = [];
  let api: LocalApi | undefined;
  const context: LocalServiceContext = {
    host: '127.0.0.1',
    faults,
    region: config.region,
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    addLocalRoute: (route) => (api ? api.addLocalRoute(route) : pendingLocalRoutes.push(route)),
    loadHandler,
  };
  const serviceLines: string[] = [];
  for (const service of localServices) {
    checkStillStarting();
    const started = await service.start(context);
    track(service.name, () => service.stop());
    Object.assign(process.env, started.env ?? {});
    serviceLines.push(`  ${service.name.padEnd(11)}${started.url}`);
  }
  checkStillStarting();

  // Only now may shared code load: the environment is complete.
  const [{ importDemoHotels }, { routeList }, { schedules }, { addDays, todayIn }, { runningLocalServices }] = await Promise.all([
    import('./demo-import.ts'),
    import('../shared/http/route-table.ts'),
    import('../shared/schedules/schedule-table.ts'),
    import('../shared/domain/dates.ts'),
    import('./services.ts'),
  ]);
  phase('services and modules');
  // The demo hotels arrive the way a hotel admin's would: imported from the (simulated) PMS.
  const simulator = runningLocalServices().pms;
  if (!simulator) throw new StartupError('The PMS simulator did not start, so there is nothing to import the demo hotels from.');
  const imported = await importDemoHotels({ simulator });
  const seeded = {
    hotels: imported.length,
    roomTypes: imported.reduce((n, h) => n + h.roomTypes.length, 0),
    nights: imported.reduce((n, h) => n + h.nights, 0),
  };
  // The simulator's own webhooks reach this stack, signed with the stack's PMS_WEBHOOK_SECRET.
  const cloudbedsHook = imported.find((h) => h.vendor === 'cloudbeds')?.webhookUrl;
  simulator.configureWebhooks({
    generic: { url: `${apiUrl}/api/webhooks/pms/generic`, secret: process.env.PMS_WEBHOOK_SECRET ?? '' },
    ...(cloudbedsHook ? { cloudbeds: { url: new URL(cloudbedsHook, apiUrl).toString() } } : {}),
  });
  checkStillStarting();
  phase('demo data');

  if (config.schedules && schedules.length > 0) {
    const scheduler = startScheduler({
      schedules,
      loadHandler,
      region: config.region,
      onError: (error, schedule) => console.error(`Schedule ${schedule.id} failed:`, error),
    });
    track('scheduler', () => scheduler.stop());
  }

  const authorizer = await createLocalJwtAuthorizer();
  try {
    api = await createLocalApi({
      routes: routeList,
      authorizer,
      loadHandler,
      port: apiPort,
      host: '127.0.0.1',
      region: config.region,
      ...(config.accessLog ? { onRequest: (entry: AccessLogEntry) => console.log(formatAccess(entry)) } : {}),
      onHandlerError: (error, route) => console.error(`${route.method} ${route.path} (${route.handler}) failed:`, error),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new StartupError(apiPortBusy(apiPort));
    throw error;
  }
  const startedApi = api;
  track('HTTP API', () => startedApi.close());
  for (const route of pendingLocalRoutes.splice(0)) api.addLocalRoute(route);
  phase('API');

  const today = todayIn('Asia/Seoul');
  const exampleUrl = `${apiUrl}/api/inventory/htl_seoul_hanriver/rt_deluxe_double?startDate=${addDays(today, 7)}&endDate=${addDays(today, 9)}`;
  const guarded = routeList.find((r) => r.auth !== 'public' && r.method === 'GET' && !r.path.includes('{'));
  const storage = config.dataDir ? `data in ${config.dataDir}` : 'in memory';
  const scheduleText = !config.schedules
    ? 'off (LOCAL_SCHEDULES=false)'
    : schedules.length === 0
      ? 'none defined'
      : schedules.map((s) => `${s.id} every ${s.everyMinutes} min`).join(', ');
  console.log(
    [
      '',
      'Hotel booking, local stack',
      `  API        ${apiUrl}`,
      `  Health     ${apiUrl}/api/health`,
      `  OpenAPI    ${apiUrl}/api/openapi.json`,
      `  DynamoDB   ${dynamo.endpoint} (table ${config.tableName}, ${storage})`,
      ...serviceLines,
      `  Schedules  ${scheduleText}`,
      `  Demo data  ${seeded.hotels} hotels, ${seeded.roomTypes} room types, ${seeded.nights} nights, imported from the PMS simulator (one per vendor: Cloudbeds, OPERA, generic)`,
      '',
      'Try it:',
      `  curl "${exampleUrl}"`,
      'Tokens (admin, or a guest with an id):',
      '  TOKEN=$(npm run -s token -- admin)     TOKEN=$(npm run -s token -- guest g_123)',
      `  curl -H "Authorization: Bearer $TOKEN" ${guarded ? `${apiUrl}${guarded.path}` : `${apiUrl}/api/...`}`,
      '',
      `Ready in ${process.uptime().toFixed(1)} s (${phases.join(', ')}). Ctrl-C stops everything.`,
    ].join('\n'),
  );
}

let firstSignalAt = 0;
let startup: Promise<void> = Promise.resolve();

/**
 * Stops what runs now (so a start-up step still in flight, e.g. seeding, fails fast instead of
 * finishing), waits for start-up to give up, then stops whatever it started meanwhile.
 *
 * One Ctrl-C reaches this process up to three times (from the terminal, from npm, and relayed by
 * tsx) within milliseconds, so repeats inside one second are the same request. A signal after that
 * forces the exit; DynamoDB Local's exit hook still kills java.
 */
function onSignal(signal: NodeJS.Signals): void {
  const now = Date.now();
  if (stopping) {
    if (now - firstSignalAt < 1_000) return;
    console.error(`${signal} again: exiting without waiting.`);
    process.exit(1);
  }
  stopping = true;
  firstSignalAt = now;
  console.log(`\n${signal}: stopping...`);
  void (async () => {
    await stopAll();
    await startup.catch(() => undefined);
    await stopAll();
  })().then(
    () => {
      console.log('Stopped.');
      process.exit(0);
    },
    () => process.exit(1),
  );
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

// On AWS an unhandled rejection fails that invocation and restarts the function; here it must not
// take the whole stack (and every other "function") down with it.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled promise rejection (on AWS: the invocation fails and the function restarts):', reason);
});

startup = main();
startup.catch(async (error: unknown) => {
  // After a stop request, whatever fails is a consequence of stopping: the signal handler reports.
  if (stopping) return;
  stopping = true;
  const known = error instanceof LocalConfigError || error instanceof JavaMissingError || error instanceof StartupError;
  const prefix = error instanceof LocalConfigError ? 'Cannot start: ' : known ? '' : 'Could not start: ';
  console.error(`${prefix}${oneLine(error)}`);
  await stopAll();
  process.exit(1);
});
