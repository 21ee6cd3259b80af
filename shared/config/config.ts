import * as z from 'zod';

/**
 * Runtime configuration of every function, read from the environment once per process and
 * validated. CDK sets these variables on each Lambda; the local stack sets the same ones before it
 * loads the handlers, which is how one handler runs unchanged in both places. A missing or bad
 * value throws `ConfigError` naming the variable, so a misconfigured function fails at start, not
 * half-way through a booking. Settings only some functions need are optional here and demanded
 * by `requireSetting` where the adapter that needs them is built.
 */
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const ConfigSchema = z.object({
  TABLE_NAME: z.string().min(3).max(255),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Local only: DynamoDB Local's URL. On AWS the SDK finds the regional endpoint itself. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** How long one DynamoDB attempt may take before the SDK retries it (three attempts), then STORAGE_UNAVAILABLE. */
  DYNAMODB_TIMEOUT_MS: positiveInt(5_000),
  /** How long opening a connection to DynamoDB may take (each attempt), then the same. */
  DYNAMODB_CONNECT_TIMEOUT_MS: positiveInt(2_000),
  /** The public base URL of the API, used in the OpenAPI document's `servers`. */
  API_BASE_URL: z.url().optional(),
  /** The checkout state machine (Step Functions). */
  STATE_MACHINE_ARN: z.string().min(1).optional(),
  /** Local only: the Step Functions-compatible endpoint of the local stack. */
  SFN_ENDPOINT: z.url().optional(),
  EVENT_BUS_NAME: z.string().min(1).optional(),
  EVENTBRIDGE_ENDPOINT: z.url().optional(),
  /** The SQS queue that receives sagas whose compensation failed. */
  SAGA_DLQ_URL: z.url().optional(),
  SQS_ENDPOINT: z.url().optional(),
  /** How long a hold keeps rooms out of sale (seed 000: 180 s). */
  HOLD_TTL_SECONDS: positiveInt(180),
  /** How long the checkout request waits for the saga before answering 202 (HTTP API limit is 30 s). */
  CHECKOUT_WAIT_MS: positiveInt(25_000),
  /** Stripe secret key in clear: local stack and tests only. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** On AWS: the Secrets Manager secret that holds the Stripe secret key. */
  STRIPE_SECRET_ARN: z.string().min(1).optional(),
  /** Local only: the Stripe-compatible simulator, e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.url().optional(),
  STRIPE_TIMEOUT_MS: positiveInt(8_000),
  PMS_TIMEOUT_MS: positiveInt(8_000),
  /** On AWS: the KMS key that wraps the data keys sealing PMS credentials. */
  PMS_CREDENTIALS_KMS_KEY_ID: z.string().min(1).optional(),
  /** Locally: the file holding the master key that stands in for KMS (created on first use). */
  PMS_CREDENTIALS_KEY_FILE: z.string().min(1).optional(),
  /** Webhook signing secret for configs without their own (the generic protocol's HMAC key). */
  PMS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** On AWS: the Secrets Manager secret holding PMS_WEBHOOK_SECRET, so it is never in a template. */
  PMS_WEBHOOK_SECRET_ARN: z.string().min(1).optional(),
  /** The SQS queue between the webhook endpoint and the processor. */
  PMS_WEBHOOK_QUEUE_URL: z.url().optional(),
  /** Key material of the pagination cursors (`shared/http/cursor.ts`): local stack and tests only. */
  CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** On AWS: the Secrets Manager secret holding CURSOR_SECRET, so it is never in a template. */
  CURSOR_SECRET_ARN: z.string().min(1).optional(),
});

export type AppConfig = Readonly<{
  tableName: string;
  region: string;
  dynamoDbEndpoint?: string;
  dynamoDbTimeoutMs: number;
  dynamoDbConnectTimeoutMs: number;
  apiBaseUrl?: string;
  stateMachineArn?: string;
  sfnEndpoint?: string;
  eventBusName?: string;
  eventBridgeEndpoint?: string;
  sagaDlqUrl?: string;
  sqsEndpoint?: string;
  holdTtlSeconds: number;
  checkoutWaitMs: number;
  stripeSecretKey?: string;
  stripeSecretArn?: string;
  stripeApiBase?: string;
  stripeTimeoutMs: number;
  pmsTimeoutMs: number;
  pmsCredentialsKmsKeyId?: string;
  pmsCredentialsKeyFile?: string;
  pmsWebhookSecret?: string;
  pmsWebhookSecretArn?: string;
  pmsWebhookQueueUrl?: string;
  cursorSecret?: string;
  cursorSecretArn?: string;
}>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = result.data;
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return Object.freeze({
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    ...optional('dynamoDbEndpoint', e.DYNAMODB_ENDPOINT),
    dynamoDbTimeoutMs: e.DYNAMODB_TIMEOUT_MS,
    dynamoDbConnectTimeoutMs: e.DYNAMODB_CONNECT_TIMEOUT_MS,
    ...optional('apiBaseUrl', e.API_BASE_URL),
    ...optional('stateMachineArn', e.STATE_MACHINE_ARN),
    ...optional('sfnEndpoint', e.SFN_ENDPOINT),
    ...optional('eventBusName', e.EVENT_BUS_NAME),
    ...optional('eventBridgeEndpoint', e.EVENTBRIDGE_ENDPOINT),
    ...optional('sagaDlqUrl', e.SAGA_DLQ_URL),
    ...optional('sqsEndpoint', e.SQS_ENDPOINT),
    holdTtlSeconds: e.HOLD_TTL_SECONDS,
    checkoutWaitMs: e.CHECKOUT_WAIT_MS,
    ...optional('stripeSecretKey', e.STRIPE_SECRET_KEY),
    ...optional('stripeSecretArn', e.STRIPE_SECRET_ARN),
    ...optional('stripeApiBase', e.STRIPE_API_BASE),
    stripeTimeoutMs: e.STRIPE_TIMEOUT_MS,
    pmsTimeoutMs: e.PMS_TIMEOUT_MS,
    ...optional('pmsCredentialsKmsKeyId', e.PMS_CREDENTIALS_KMS_KEY_ID),
    ...optional('pmsCredentialsKeyFile', e.PMS_CREDENTIALS_KEY_FILE),
    ...optional('pmsWebhookSecret', e.PMS_WEBHOOK_SECRET),
    ...optional('pmsWebhookSecretArn', e.PMS_WEBHOOK_SECRET_ARN),
    ...optional('pmsWebhookQueueUrl', e.PMS_WEBHOOK_QUEUE_URL),
    ...optional('cursorSecret', e.CURSOR_SECRET),
    ...optional('cursorSecretArn', e.CURSOR_SECRET_ARN),
  });
}

/** A setting this function needs: throws `ConfigError` naming the variable when it is missing. */
export function requireSetting<T>(value: T | undefined, variable: string): T {
  if (value === undefined || value === '') {
    throw new ConfigError(`Invalid configuration: ${variable} is required by this function but is not set`);
  }
  return value;
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed on first use and then kept. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forgets the parsed configuration; for tests and the local runtime that change the environment. */
export function resetConfig(): void {
  cached = undefined;
}
