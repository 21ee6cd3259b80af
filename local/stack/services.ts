import { join } from 'node:path';
import { queues } from '../../shared/queues/queue-table.ts';
import type { LocalMount, LocalRoute } from '../api-gateway/local-api.ts';
import { startLocalAws, type LocalAws } from '../aws/local-aws.ts';
import type { FaultRegistry } from '../faults/fault-registry.ts';
import type { HandlerLoader } from '../handlers/handler-loader.ts';
import { createLambdaContext } from '../handlers/lambda-context.ts';
import { startStripeSimulator, type StripeSimulator } from '../simulators/payment/stripe-simulator.ts';
import { startPmsSimulator, type PmsSimulator } from '../simulators/pms/pms-simulator.ts';
import { consoleService } from '../console/console-service.ts';
import { cognitoService } from '../cognito/cognito-service.ts';

/**
 * The extra processes-in-process of the local stack: the PMS simulator, the payment gateway
 * simulator, the AWS emulator, and whatever else stands in for a cloud or vendor service.
 * `npm start` starts them in list order before the HTTP API and stops them in reverse order. To
 * add one, append it to `localServices`.
 *
 * A service that serves files next to the API (the admin console at `/console/`, say) calls
 * `ctx.addMount({ prefix: '/console/', handle })` in its `start`: the API server then hands it every
 * request under that prefix, outside the route table, its limits and its authorizer.
 */
export interface LocalServiceContext {
  /** Bind here: the local stack listens on loopback only. */
  host: '127.0.0.1';
  /** The stack's one fault registry, shared by every simulator and the `/_local/faults` route. */
  faults: FaultRegistry;
  region: string;
  /** `--data-dir`, when data should survive a restart; in memory otherwise. */
  dataDir?: string;
  /**
   * Registers a `/_local/...` endpoint on the HTTP API (it is mounted once the API listens).
   * For controls a test or an evaluator drives over HTTP, e.g. `POST /_local/faults`.
   */
  addLocalRoute(route: LocalRoute): void;
  /** Serves a path prefix of its own on the API's port (mounted once the API listens), e.g. static files. */
  addMount(mount: LocalMount): void;
  /**
   * Loads a Lambda handler (`functions/<path>.ts`) with the same cache the API uses, for services
   * that invoke handlers themselves (a Step Functions interpreter). Call it only after `start`
   * returned: the environment is complete only once every service has started.
   */
  loadHandler: HandlerLoader;
}

export interface LocalServiceStarted {
  /** Where it listens, printed at start-up. */
  url: string;
  /**
   * Variables merged into `process.env` before any handler loads, e.g.
   * `{ PMS_BASE_URL: url }`, so handlers find the simulator exactly as they find the vendor on AWS.
   */
  env?: Record<string, string>;
}

export interface LocalService {
  name: string;
  start(ctx: LocalServiceContext): Promise<LocalServiceStarted>;
  stop(): Promise<void>;
}

/** The webhook secret of the local stack's PMS configs unless PMS_WEBHOOK_SECRET is set (README). */
export const LOCAL_WEBHOOK_SECRET = 'local-pms-webhook-secret-0123456789';

let payments: StripeSimulator | undefined;
let pms: PmsSimulator | undefined;
let aws: LocalAws | undefined;

/** The running simulators and emulators, for the demo import, the control routes, the benchmark and tests. */
export function runningLocalServices(): { payments?: StripeSimulator; pms?: PmsSimulator; aws?: LocalAws } {
  return { ...(payments ? { payments } : {}), ...(pms ? { pms } : {}), ...(aws ? { aws } : {}) };
}

export const localServices: LocalService[] = [
  {
    name: 'Payments',
    async start(ctx) {
      payments = await startStripeSimulator({ host: ctx.host, faults: ctx.faults });
      return {
        url: `${payments.url} (Stripe-compatible simulator)`,
        env: { STRIPE_API_BASE: payments.url, STRIPE_SECRET_KEY: payments.secretKey },
      };
    },
    async stop() {
      await payments?.stop();
      payments = undefined;
    },
  },
  {
    name: 'PMS',
    async start(ctx) {
      pms = await startPmsSimulator({ host: ctx.host, faults: ctx.faults });
      return {
        url: `${pms.url} (Cloudbeds ${pms.baseUrl('cloudbeds')}, OPERA ${pms.baseUrl('opera')}, generic ${pms.baseUrl('generic')})`,
        env: {
          PMS_CREDENTIALS_KEY_FILE: process.env.PMS_CREDENTIALS_KEY_FILE ?? join(ctx.dataDir ?? '.local', 'pms-credentials.key'),
          PMS_WEBHOOK_SECRET: process.env.PMS_WEBHOOK_SECRET ?? LOCAL_WEBHOOK_SECRET,
          // The simulator listens on 127.0.0.1 over plain HTTP: allow loopback, and nothing else
          // private (on AWS this is never set: HTTPS to public addresses only).
          PMS_ALLOW_PRIVATE_HOSTS: 'loopback',
          // Seals the pagination cursors of the local API (on AWS: a generated Secrets Manager secret).
          CURSOR_SECRET: process.env.CURSOR_SECRET ?? 'local-cursor-secret-0123456789abcdef',
        },
      };
    },
    async stop() {
      await pms?.stop();
      pms = undefined;
    },
  },
  {
    name: 'AWS',
    async start(ctx) {
      const invoke = async (handler: string, input: unknown) =>
        (await ctx.loadHandler(handler))(input, createLambdaContext({ handler, timeoutMs: 30_000, region: ctx.region }));
      aws = await startLocalAws({
        invoke,
        host: ctx.host,
        faults: ctx.faults,
        ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}),
        queueConsumers: Object.fromEntries(
          queues.map((q) => [
            q.id,
            {
              consumer: (event: { Records: unknown[] }) => invoke(q.handler, event),
              maxReceiveCount: q.maxReceiveCount,
              deadLetterQueue: `${q.id}-dlq`,
              ...(q.events ? { events: q.events } : {}),
            },
          ]),
        ),
        // The local mailbox: each mail is printed (recipient and subject), and kept at GET /_local/mail.
        onMail: (mail) => console.log(`Mail to ${mail.to.join(', ')}: ${mail.subject}`),
      });
      for (const q of queues) aws.queues.createQueue(`${q.id}-dlq`);
      const queueUrls = Object.fromEntries(queues.flatMap((q) => (q.urlVariable ? [[q.urlVariable, `${aws!.url}/000000000000/${q.id}`]] : [])));
      return {
        url: `${aws.url} (Step Functions running statemachines/*.asl.json: checkout, cancellation, modification; EventBridge, SQS, SES: mail at /_local/mail)`,
        env: { ...aws.env, ...queueUrls },
      };
    },
    async stop() {
      await aws?.stop();
      aws = undefined;
    },
  },
  // The local issuer's keys, for routes that verify a token themselves (checkout).
  cognitoService,
  // The admin console and its local sign-in (`/console/`, `POST /_local/token`).
  consoleService,
];
