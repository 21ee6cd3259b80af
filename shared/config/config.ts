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
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
/** A comma-separated list of host names; `.example.com` (leading dot) also allows every subdomain. */
const hostList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((raw) => raw.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0))
    .pipe(z.array(z.string().regex(/^\.?[a-z0-9.-]+$/, 'must be host names or .suffixes, comma-separated')));

/** Cloudbeds' API hosts: the current root and the older `hotels.cloudbeds.com/api/v1.2`. */
export const DEFAULT_CLOUDBEDS_ALLOWED_HOSTS = 'api.cloudbeds.com,hotels.cloudbeds.com';
/**
 * OHIP gateways: Oracle hosts them under its cloud domains (per-customer and per-region names),
 * so these are suffixes. An operator narrows them to its own gateway host(s) where it can.
 */
export const DEFAULT_OPERA_ALLOWED_HOSTS = '.oraclecloud.com,.oracle.com,.oraclehospitality.com';

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
  /** The cancellation and modification state machines (issue 8). */
  CANCELLATION_STATE_MACHINE_ARN: z.string().min(1).optional(),
  MODIFICATION_STATE_MACHINE_ARN: z.string().min(1).optional(),
  /** How long a cancellation or modification request waits for its saga before answering 202. */
  CHANGE_WAIT_MS: positiveInt(25_000),
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
  /** Requests per second per Cloudbeds property (the vendor's limit; partner accounts may have 10). */
  PMS_CLOUDBEDS_REQUESTS_PER_SECOND: positiveInt(5),
  /** Requests per second per OHIP environment (gateway host), OPERA's published limit. */
  PMS_OPERA_REQUESTS_PER_SECOND: positiveInt(50),
  /** Requests per second per generic-protocol hotel; 0 (the default) sets no limit. */
  PMS_GENERIC_REQUESTS_PER_SECOND: nonNegativeInt(0),
  /** The longest a PMS request waits for its rate-limit slot before PMS_RATE_LIMITED. */
  PMS_RATE_LIMIT_MAX_WAIT_MS: nonNegativeInt(5_000),
  /** Added to the vendor's one-second window against clock and network differences. */
  PMS_RATE_LIMIT_MARGIN_MS: positiveInt(100),
  /** Hosts a Cloudbeds `apiBaseUrl` may name. */
  PMS_CLOUDBEDS_ALLOWED_HOSTS: hostList(DEFAULT_CLOUDBEDS_ALLOWED_HOSTS),
  /** Hosts an OPERA (OHIP) `apiBaseUrl` may name. */
  PMS_OPERA_ALLOWED_HOSTS: hostList(DEFAULT_OPERA_ALLOWED_HOSTS),
  /**
   * Private addresses a PMS may be reached at: `none` (AWS: HTTPS to public addresses only) or
   * `loopback` (the local stack: its simulator on 127.0.0.1, over HTTP too). Nothing else private, ever.
   */
  PMS_ALLOW_PRIVATE_HOSTS: z.enum(['none', 'loopback']).default('none'),
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
  /** `optional` routes: the user pool's issuer URL, whose tokens the handler verifies itself. */
  AUTH_ISSUER: z.url().optional(),
  /** `optional` routes: the app client id(s) whose tokens are accepted, comma separated. */
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** The issuer's key set; default `<AUTH_ISSUER>/.well-known/jwks.json` (Cognito's). Locally the local issuer's. */
  AUTH_JWKS_URL: z.url().optional(),
  /** Guest mail: the verified SES identity mails are sent from, e.g. `Hotel Booking <no-reply@example.com>`. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Guest mail: the SES configuration set every mail is sent with (bounces, complaints, reputation). */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Local only: the SES-compatible endpoint of the local stack. */
  SES_ENDPOINT: z.url().optional(),
});

export type AppConfig = Readonly<{
  tableName: string;
  region: string;
  dynamoDbEndpoint?: string;
  dynamoDbTimeoutMs: number;
  dynamoDbConnectTimeoutMs: number;
  apiBaseUrl?: string;
  stateMachineArn?: string;
  cancellationStateMachineArn?: string;
  modificationStateMachineArn?: string;
  changeWaitMs: number;
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
  pmsRequestsPerSecond: Readonly<{ cloudbeds: number; opera: number; generic: number }>;
  pmsRateLimitMaxWaitMs: number;
  pmsRateLimitMarginMs: number;
  pmsAllowedHosts: Readonly<{ cloudbeds: readonly string[]; opera: readonly string[] }>;
  pmsAllowPrivateHosts: 'none' | 'loopback';
  pmsCredentialsKmsKeyId?: string;
  pmsCredentialsKeyFile?: string;
  pmsWebhookSecret?: string;
  pmsWebhookSecretArn?: string;
  pmsWebhookQueueUrl?: string;
  cursorSecret?: string;
  cursorSecretArn?: string;
  authIssuer?: string;
  authAudience?: string;
  authJwksUrl?: string;
  mailFrom?: string;
  sesConfigurationSet?: string;
  sesEndpoint?: string;
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
    ...optional('cancellationStateMachineArn', e.CANCELLATION_STATE_MACHINE_ARN),
    ...optional('modificationStateMachineArn', e.MODIFICATION_STATE_MACHINE_ARN),
    changeWaitMs: e.CHANGE_WAIT_MS,
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
    pmsRequestsPerSecond: { cloudbeds: e.PMS_CLOUDBEDS_REQUESTS_PER_SECOND, opera: e.PMS_OPERA_REQUESTS_PER_SECOND, generic: e.PMS_GENERIC_REQUESTS_PER_SECOND },
    pmsRateLimitMaxWaitMs: e.PMS_RATE_LIMIT_MAX_WAIT_MS,
    pmsRateLimitMarginMs: e.PMS_RATE_LIMIT_MARGIN_MS,
    pmsAllowedHosts: { cloudbeds: e.PMS_CLOUDBEDS_ALLOWED_HOSTS, opera: e.PMS_OPERA_ALLOWED_HOSTS },
    pmsAllowPrivateHosts: e.PMS_ALLOW_PRIVATE_HOSTS,
    ...optional('pmsCredentialsKmsKeyId', e.PMS_CREDENTIALS_KMS_KEY_ID),
    ...optional('pmsCredentialsKeyFile', e.PMS_CREDENTIALS_KEY_FILE),
    ...optional('pmsWebhookSecret', e.PMS_WEBHOOK_SECRET),
    ...optional('pmsWebhookSecretArn', e.PMS_WEBHOOK_SECRET_ARN),
    ...optional('pmsWebhookQueueUrl', e.PMS_WEBHOOK_QUEUE_URL),
    ...optional('cursorSecret', e.CURSOR_SECRET),
    ...optional('cursorSecretArn', e.CURSOR_SECRET_ARN),
    ...optional('authIssuer', e.AUTH_ISSUER),
    ...optional('authAudience', e.AUTH_AUDIENCE),
    ...optional('authJwksUrl', e.AUTH_JWKS_URL),
    ...optional('mailFrom', e.MAIL_FROM),
    ...optional('sesConfigurationSet', e.SES_CONFIGURATION_SET),
    ...optional('sesEndpoint', e.SES_ENDPOINT),
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
