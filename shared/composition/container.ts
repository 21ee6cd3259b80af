import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbBookingRepository } from '#adapters/dynamodb/booking.dynamodb.ts';
import { DynamoDbHotelCatalog } from '#adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbHoldRepository } from '#adapters/dynamodb/hold.dynamodb.ts';
import { DynamoDbInventory } from '#adapters/dynamodb/inventory.dynamodb.ts';
import { DynamoDbPmsConfigRepository } from '#adapters/dynamodb/pms-config.dynamodb.ts';
import { EnvelopeCipher } from '#adapters/crypto/envelope-cipher.ts';
import { KmsKeyWrapper } from '#adapters/crypto/kms-key-wrapper.ts';
import { LocalKeyWrapper } from '#adapters/crypto/local-key-wrapper.ts';
import { ConfigPmsResolver } from '#adapters/pms/config-pms-resolver.ts';
import { createPmsClientFactory, toPmsConnection } from '#adapters/pms/pms-client.factory.ts';
import { DynamoDbListingImportWriter } from '#adapters/dynamodb/listing-import.dynamodb.ts';
import { createDocumentClient } from '#adapters/dynamodb/document-client.ts';
import { EventBridgePublisher } from '#adapters/eventbridge/eventbridge-publisher.ts';
import { StripePaymentGateway } from '#adapters/payment/stripe-payment-gateway.ts';
import { readSecretString } from '#adapters/secrets/secrets-manager.ts';
import { StepFunctionsSagaStarter } from '#adapters/sfn/step-functions-saga-starter.ts';
import { SqsDeadLetterQueue } from '#adapters/sqs/sqs-dead-letter-queue.ts';
import { SqsWebhookQueue } from '#adapters/sqs/sqs-webhook-queue.ts';
import { DynamoDbWebhookEventRepository } from '#adapters/dynamodb/webhook-event.dynamodb.ts';
import { getConfig, requireSetting, type AppConfig } from '#config/config.ts';
import { CursorCodec } from '#http/cursor.ts';
import type { SagaDeps } from '#use-cases/checkout/saga-steps.use-cases.ts';
import type { PmsConnector } from '#use-cases/pms/import/pms-connector.ts';
import type { SaveListingDeps } from '#use-cases/pms/import/save-imported-listing.use-case.ts';
import type { PmsSyncDeps } from '#use-cases/pms/polling/poll-pms-config.use-case.ts';
import { powertoolsPmsSyncMetrics } from '#use-cases/pms/polling/pms-sync-metrics.ts';
import { recordPmsCall } from '#observability/metrics.ts';

/** Builds a value on first use only, so a function pays for (and is configured for) what it uses. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/** Like `lazy`, for async builders; a failed build (say, a Secrets Manager blip) is tried again next time. */
function lazyAsync<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= build().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** AWS client options: the regional endpoint on AWS; the local stack's endpoint and dummy keys locally. */
function awsClientOptions(config: AppConfig, endpoint: string | undefined) {
  return {
    region: config.region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}

function stripeTarget(base: string | undefined) {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol } as const;
}

/**
 * The composition root of the functions: the only place that constructs adapters. It is built
 * from configuration alone, so the same handler gets DynamoDB, Step Functions, EventBridge, SQS
 * and Stripe on AWS, and DynamoDB Local plus the local stack's emulators and simulators on a
 * laptop, without knowing which. Built lazily once per process (a Lambda cold start).
 */
export function createContainer(config: AppConfig) {
  const doc = createDocumentClient({
    region: config.region,
    ...(config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {}),
  });
  const table = config.tableName;
  const catalog = new DynamoDbHotelCatalog(doc, table);
  const inventory = new DynamoDbInventory(doc, table);
  const bookings = new DynamoDbBookingRepository(doc, table);
  const holds = new DynamoDbHoldRepository(doc, table);

  const saga = lazy(
    () =>
      new StepFunctionsSagaStarter(
        new SFNClient(awsClientOptions(config, config.sfnEndpoint)),
        requireSetting(config.stateMachineArn, 'STATE_MACHINE_ARN'),
      ),
  );
  const events = lazy(
    () =>
      new EventBridgePublisher(
        new EventBridgeClient(awsClientOptions(config, config.eventBridgeEndpoint)),
        requireSetting(config.eventBusName, 'EVENT_BUS_NAME'),
      ),
  );
  const deadLetters = lazy(
    () =>
      new SqsDeadLetterQueue(
        new SQSClient(awsClientOptions(config, config.sqsEndpoint)),
        requireSetting(config.sagaDlqUrl, 'SAGA_DLQ_URL'),
      ),
  );
  const payments = lazyAsync(async () => {
    const secretKey =
      config.stripeSecretKey ??
      (await readSecretString(
        new SecretsManagerClient(awsClientOptions(config, undefined)),
        requireSetting(config.stripeSecretArn, 'STRIPE_SECRET_ARN or STRIPE_SECRET_KEY'),
      ));
    return new StripePaymentGateway({ secretKey, timeoutMs: config.stripeTimeoutMs, ...stripeTarget(config.stripeApiBase) });
  });
  /** The fallback webhook secret: in the environment locally, in Secrets Manager on AWS. */
  const webhookSecret = lazyAsync(async () =>
    config.pmsWebhookSecret ??
    (config.pmsWebhookSecretArn
      ? readSecretString(new SecretsManagerClient(awsClientOptions(config, undefined)), config.pmsWebhookSecretArn)
      : undefined),
  );
  const pmsConfigs = new DynamoDbPmsConfigRepository(doc, table);
  const cipher = lazy(
    () =>
      new EnvelopeCipher(
        config.pmsCredentialsKmsKeyId
          ? new KmsKeyWrapper(new KMSClient(awsClientOptions(config, undefined)), config.pmsCredentialsKmsKeyId)
          : new LocalKeyWrapper(requireSetting(config.pmsCredentialsKeyFile, 'PMS_CREDENTIALS_KMS_KEY_ID or PMS_CREDENTIALS_KEY_FILE')),
      ),
  );
  const pmsFactory = createPmsClientFactory({ timeoutMs: config.pmsTimeoutMs, onCall: recordPmsCall });
  const pms = new ConfigPmsResolver(pmsConfigs, { seal: (p, c) => cipher().seal(p, c), open: (s, c) => cipher().open(s, c) }, pmsFactory);
  const listingImports = new DynamoDbListingImportWriter(doc, table);
  /** A PMS client from admin-entered values (the hotel import and config changes). */
  const pmsConnect: PmsConnector = (input) => {
    const connection = toPmsConnection(input);
    return { client: pmsFactory(connection), baseUrl: connection.baseUrl };
  };
  const webhookEvents = new DynamoDbWebhookEventRepository(doc, table);
  const webhookQueue = lazy(
    () =>
      new SqsWebhookQueue(
        new SQSClient(awsClientOptions(config, config.sqsEndpoint)),
        requireSetting(config.pmsWebhookQueueUrl, 'PMS_WEBHOOK_QUEUE_URL'),
      ),
  );

  /** The pagination cursor codec: its secret in the environment locally, in Secrets Manager on AWS. */
  const cursors = lazyAsync(async () =>
    new CursorCodec(
      config.cursorSecret ??
        (await readSecretString(
          new SecretsManagerClient(awsClientOptions(config, undefined)),
          requireSetting(config.cursorSecretArn, 'CURSOR_SECRET_ARN or CURSOR_SECRET'),
        )),
    ),
  );

  return {
    config,
    doc,
    cursors,
    catalog,
    inventory,
    bookings,
    holds,
    saga,
    events,
    deadLetters,
    payments,
    pms,
    pmsConfigs,
    webhookSecret,
    cipher,
    pmsFactory,
    listingImports,
    pmsConnect,
    webhookEvents,
    webhookQueue,
    pmsSyncMetrics: powertoolsPmsSyncMetrics,
    clock: () => new Date(),
  };
}

export type Container = ReturnType<typeof createContainer>;

/** What the saga's task handlers need, with the payment gateway's secret resolved. */
export async function sagaDeps(c: Container): Promise<SagaDeps> {
  // Each dependency is reached on first use only: every saga task gets only the grants and settings
  // it needs (shared/saga/saga-tasks.ts), so building, say, the Stripe client in HoldRooms would fail.
  return {
    bookings: c.bookings,
    holds: c.holds,
    catalog: c.catalog,
    payments: {
      authorize: async (req) => (await c.payments()).authorize(req),
      capture: async (req) => (await c.payments()).capture(req),
      void: async (req) => (await c.payments()).void(req),
      refund: async (req) => (await c.payments()).refund(req),
      get: async (paymentId) => (await c.payments()).get(paymentId),
    },
    pms: c.pms,
    events: { publish: (events) => c.events().publish(events) },
    deadLetters: { send: (letter) => c.deadLetters().send(letter) },
    clock: c.clock,
    holdTtlSeconds: c.config.holdTtlSeconds,
  };
}

/**
 * What PMS polling, "sync now" and live inventory reads need. The event publisher is reached on
 * first publish only, so a read that never publishes does not need EVENT_BUS_NAME.
 */
export function pmsSyncDeps(c: Container): PmsSyncDeps {
  return {
    configs: c.pmsConfigs,
    pms: c.pms,
    catalog: c.catalog,
    inventory: c.inventory,
    events: { publish: (events) => c.events().publish(events) },
    clock: c.clock,
    metrics: c.pmsSyncMetrics,
  };
}

/** What the admin hotel import needs; the event publisher is reached only if a re-import finds an overbooked night. */
export async function pmsImportDeps(c: Container): Promise<SaveListingDeps> {
  const webhookSecret = await c.webhookSecret();
  return {
    connect: c.pmsConnect,
    catalog: c.catalog,
    pmsConfigs: c.pmsConfigs,
    listings: c.listingImports,
    inventory: c.inventory,
    events: { publish: (events) => c.events().publish(events) },
    cipher: c.cipher(),
    clock: c.clock,
    webhookSecret,
    apiBaseUrl: c.config.apiBaseUrl,
  };
}

let current: Container | undefined;

export function container(): Container {
  current ??= createContainer(getConfig());
  return current;
}

/** Replaces the container (tests), or forgets it so the next call rebuilds from config. */
export function setContainer(next: Container | undefined): void {
  current = next;
}
