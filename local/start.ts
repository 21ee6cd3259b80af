import { mkdir } from 'node:fs/promises';
import { createLocalApi, type AccessLogEntry, type ApiLimits, type LocalApi, type LocalMount, type LocalRoute } from './api-gateway/local-api.ts';
import { createLocalJwtAuthorizer } from './api-gateway/jwt-authorizer.ts';
import { startScheduler, type Scheduler } from './aws/scheduler.ts';
import { ensureTable, freePort, JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb/dynamodb-local.ts';
import { guardChildProcess } from './dynamodb/orphan-guard.ts';
import { FaultRegistry } from './faults/fault-registry.ts';
import { cachedLoader, functionsDirLoader } from './handlers/handler-loader.ts';
import { installAwsCallCounter } from './stack/aws-call-counter.ts';
import { controlRoutes } from './stack/control-routes.ts';
import { setFunctionEnvironment } from './stack/function-environment.ts';
import { LocalConfigError, parseLocalConfig } from './stack/local-config.ts';
import { describeLimits, readyBanner } from './stack/ready-banner.ts';
import { localServices, runningLocalServices, type LocalServiceContext } from './stack/services.ts';
import { apiPortBusy, assertPortFree, dynamoPortBusy, StartupError } from './stack/startup-checks.ts';
import { StartupPhases } from './stack/startup-phases.ts';

/**
 * `npm start`: the whole product on this machine, in the foreground. DynamoDB Local (in memory, or
 * in `--data-dir`), the table, the simulators, demo data, the schedules and the HTTP API on PORT,
 * then one line with `Ready`. Ctrl-C or SIGTERM stops everything it started, in reverse order.
 *
 * DynamoDB Local's Java is the slowest thing to start, so it boots in the background while the
 * simulators start and the handler modules load; the demo import then waits for it.
 *
 * Start-up problems a person can fix (a busy port, no java, a bad variable) end in one line saying
 * what to do, and exit 1 after stopping whatever had already started.
 *
 * Nothing that reads the environment when it loads (handlers, their logger, their config, the
 * composition root) is imported before the environment is set, exactly as in a Lambda.
 */

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

function formatAccess(entry: AccessLogEntry): string {
  return `${entry.method} ${entry.path} -> ${entry.status} (${entry.durationMs} ms)`;
}

function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`.replace(/\s*\n\s*/g, ' ');
}

/**
 * Starts DynamoDB Local on `port` and returns at once; the promise settles when it answers. It is
 * tracked for stopping from the start, so a Ctrl-C during its boot still ends the JVM.
 */
function bootDynamoDbLocal(port: number, dataDir: string | undefined): Promise<{ dynamo: DynamoDbLocal; bootMs: number }> {
  const began = performance.now();
  const javaGuard = guardChildProcess('DynamoDBLocal\\.jar', ['DynamoDBLocal.jar']);
  const booting = (async () => {
    try {
      const dynamo = await startDynamoDbLocal({ port, ...(dataDir ? { dataDir } : {}) });
      await javaGuard.settle();
      return { dynamo, bootMs: performance.now() - began };
    } catch (error) {
      javaGuard.release(); // startDynamoDbLocal stopped its java before rejecting
      throw error;
    }
  })();
  track('DynamoDB Local', async () => {
    const started = await booting.catch(() => undefined);
    await started?.dynamo.stop();
    javaGuard.release();
  });
  // Awaited later; until then a failure must not count as unhandled.
  booting.catch(() => undefined);
  return booting;
}

async function main(): Promise<void> {
  // Before any SDK client exists: every AWS call the functions make is counted (/_local/aws-calls).
  installAwsCallCounter();
  const phases = new StartupPhases();
  const config = parseLocalConfig(process.env, process.argv.slice(2));

  const apiPort = config.port === 0 ? await freePort() : config.port;
  const dynamoPort = config.dynamoDbLocalPort === 0 ? await freePort() : config.dynamoDbLocalPort;
  if (config.port !== 0) await assertPortFree(config.port, apiPortBusy);
  if (config.dynamoDbLocalPort !== 0) await assertPortFree(config.dynamoDbLocalPort, dynamoPortBusy);
  if (config.dataDir) await mkdir(config.dataDir, { recursive: true });
  checkStillStarting();
  phases.phase('checks');

  const dynamoBoot = bootDynamoDbLocal(dynamoPort, config.dataDir);
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const apiUrl = `http://localhost:${apiPort}`;
  setFunctionEnvironment(config, dynamoEndpoint, apiUrl);

  const loadHandler = cachedLoader(functionsDirLoader());
  const faults = new FaultRegistry();
  const pendingRoutes: LocalRoute[] = [];
  const pendingMounts: LocalMount[] = [];
  let api: LocalApi | undefined;
  const context: LocalServiceContext = {
    host: '127.0.0.1',
    faults,
    region: config.region,
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    addLocalRoute: (route) => (api ? api.addLocalRoute(route) : pendingRoutes.push(route)),
    addMount: (mount) => (api ? api.addMount(mount) : pendingMounts.push(mount)),
    loadHandler,
  };
  const serviceLines: { name: string; url: string }[] = [];
  for (const service of localServices) {
    checkStillStarting();
    const started = await service.start(context);
    track(service.name, () => service.stop());
    Object.assign(process.env, started.env ?? {});
    serviceLines.push({ name: service.name, url: started.url });
  }
  checkStillStarting();

  // Only now may shared code load: the environment is complete.
  const [{ importDemoHotels }, { routeList }, { schedules }, { STAGE_THROTTLE, CLIENT_RATE_LIMITS }, authorizer] = await Promise.all([
    import('./stack/demo-import.ts'),
    import('../shared/http/route-table.ts'),
    import('../shared/schedules/schedule-table.ts'),
    import('../shared/http/rate-limits.ts'),
    createLocalJwtAuthorizer(),
  ]);
  phases.phase('services and modules');

  // The demo hotels arrive the way a hotel admin's would: imported from the (simulated) PMS, once
  // the table is there (every PMS request takes its rate-limit slot in it, as on AWS).
  const { pms: simulator, aws } = runningLocalServices();
  if (!simulator) throw new StartupError('The PMS simulator did not start, so there is nothing to import the demo hotels from.');
  const tableReady = dynamoBoot.then(async (booted) => {
    await ensureTable(booted.dynamo.endpoint, config.tableName);
    return booted;
  });
  const importing = importDemoHotels({ simulator, storageReady: tableReady });
  importing.catch(() => undefined); // awaited below, after the boot it depends on

  const { dynamo, bootMs } = await tableReady;
  checkStillStarting();
  phases.phase('wait for DynamoDB Local', `its boot took ${StartupPhases.seconds(bootMs)}, alongside the steps before`);
  const imported = await importing;
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
  phases.phase('demo data');

  // With LOCAL_SCHEDULES=false the timers never tick; POST /_local/schedules/{id}/run still runs a job.
  let scheduler: Scheduler | undefined;
  if (schedules.length > 0) {
    const started = startScheduler({
      schedules,
      loadHandler,
      region: config.region,
      ...(config.schedules ? {} : { ticker: () => () => undefined }),
      onError: (error, schedule) => console.error(`Schedule ${schedule.id} failed:`, error),
    });
    scheduler = started;
    track('scheduler', () => started.stop());
  }

  const limits: ApiLimits | undefined = config.rateLimits ? { stageThrottle: STAGE_THROTTLE, clientRateLimits: CLIENT_RATE_LIMITS } : undefined;
  const routeThrottles = Object.fromEntries(routeList.flatMap((r) => (r.throttle ? [[`${r.method} ${r.path}`, r.throttle]] : [])));
  try {
    api = await createLocalApi({
      routes: routeList,
      authorizer,
      loadHandler,
      port: apiPort,
      host: '127.0.0.1',
      region: config.region,
      ...(limits ? { limits } : {}),
      ...(config.accessLog ? { onRequest: (entry: AccessLogEntry) => console.log(formatAccess(entry)) } : {}),
      onHandlerError: (error, route) => console.error(`${route.method} ${route.path} (${route.handler}) failed:`, error),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new StartupError(apiPortBusy(apiPort));
    throw error;
  }
  const startedApi = api;
  track('HTTP API', () => startedApi.close());
  for (const route of controlRoutes({ faults, pms: simulator, aws, scheduler, limits, routeThrottles })) api.addLocalRoute(route);
  for (const route of pendingRoutes.splice(0)) api.addLocalRoute(route);
  for (const mount of pendingMounts.splice(0)) api.addMount(mount);
  phases.phase('API');

  const example = imported.find((h) => h.listingId === 'htl_seoul_hanriver') ?? imported[0]!;
  const scheduleText = !config.schedules
    ? 'off (LOCAL_SCHEDULES=false)'
    : schedules.length === 0
      ? 'none defined'
      : schedules.map((s) => `${s.id} every ${s.everyMinutes} min`).join(', ');
  console.log(
    readyBanner({
      apiUrl,
      dynamo: { endpoint: dynamo.endpoint, tableName: config.tableName, storage: config.dataDir ? `data in ${config.dataDir}` : 'in memory' },
      services: serviceLines,
      schedules: scheduleText,
      rateLimits: describeLimits(limits, routeThrottles, apiUrl),
      demo: seeded,
      example: { hotelId: example.listingId, roomTypeId: example.roomTypes[0]!.roomTypeId, timeZone: simulator.state.hotel(example.pmsHotelId)!.timeZone },
      now: new Date(),
      readySeconds: process.uptime(),
      phases: phases.toString(),
    }),
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
