import type { Construct } from 'constructs';
import * as z from 'zod';

/**
 * Deployment settings of the CDK app, read once (CDK context first, then the environment, then the
 * default) and validated with zod, so a typo in `-c logRetentionDays=8` fails the synth with the
 * knob's name instead of deploying something unexpected. docs/deploy.md lists every knob.
 */

/** The retention periods CloudWatch Logs accepts; anything else is refused by CloudFormation. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const InfraConfigSchema = z.object({
  /** Part of every stack name, so several stages can live in one account. */
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'use 1-20 lowercase letters, digits or dashes, starting with a letter')
    .default('dev'),
  /** How long function and access logs are kept. */
  logRetentionDays: z.coerce
    .number()
    .int()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
    })
    .default(30),
  /** `POWERTOOLS_LOG_LEVEL` of every function. */
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /**
   * Browser origins the API answers CORS preflights for. Absent means `*`: the API authenticates
   * with bearer tokens, never cookies, so a wildcard origin gives a foreign page nothing it could
   * not get with curl. Set it for production anyway, so only the real front end can call from a browser.
   */
  allowedOrigins: z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(','))
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })])).min(1))
    .default(['*']),
  /**
   * `HOLD_TTL_SECONDS` of every function: how long a checkout hold keeps rooms out of sale. It
   * must outlast a slow saga (hold, pre-authorize, confirm with retries), so no less than a minute.
   */
  holdTtlSeconds: z.coerce.number().int().min(60).max(3600).default(180),
  /**
   * `PMS_CLOUDBEDS_ALLOWED_HOSTS` / `PMS_OPERA_ALLOWED_HOSTS` of every function: the hosts (or
   * `.suffixes`) a Cloudbeds or OPERA `apiBaseUrl` may name. Absent: the defaults in
   * `shared/config/config.ts` (Cloudbeds' two API hosts; Oracle's cloud domains as suffixes).
   */
  pmsCloudbedsAllowedHosts: z.string().min(1).optional(),
  pmsOperaAllowedHosts: z.string().min(1).optional(),
  /** `PMS_CLOUDBEDS_REQUESTS_PER_SECOND`: 5 per property unless Cloudbeds granted the account more (partners: 10). */
  pmsCloudbedsRequestsPerSecond: z.coerce.number().int().min(1).max(50).optional(),
  /**
   * The Cognito managed login's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique
   * per Region across AWS. Default: `hotel-booking-<stage>-<account id>`.
   */
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'use lowercase letters, digits and dashes (Cognito domain prefix)')
    .refine((p) => !p.includes('aws') && !p.includes('amazon') && !p.includes('cognito'), 'must not contain aws, amazon or cognito')
    .optional(),
  /** Where alarm notifications go: an e-mail subscription to the alarm topic (confirmed by mail). Absent: subscribe yourself. */
  alarmEmail: z.email().optional(),
  /**
   * The address guest mail is sent from (`MAIL_FROM`). SES must have it verified: the stack creates
   * its identity (the whole domain with DKIM when `mailDomain` is set, else this one address).
   */
  mailFrom: z.email().default('no-reply@example.com'),
  /** The domain of `mailFrom`, to verify as a whole with Easy DKIM (production); absent: the address alone. */
  mailDomain: z
    .string()
    .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'must be a domain name, e.g. mail.example.com')
    .optional(),
  /** Target account and Region; absent means an environment-agnostic synth (the CLI's defaults). */
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  region: z.string().min(1).optional(),
});

export type InfraConfig = Readonly<z.output<typeof InfraConfigSchema>>;

/** `mailDomain` must be the domain of `mailFrom`, or SES would refuse to send from it. */
function checkMailDomain(config: InfraConfig): string | undefined {
  if (!config.mailDomain) return undefined;
  const domain = config.mailFrom.split('@')[1]!.toLowerCase();
  const wanted = config.mailDomain.toLowerCase();
  return domain === wanted || domain.endsWith(`.${wanted}`) ? undefined : `mailDomain: ${config.mailDomain} is not the domain of mailFrom ${config.mailFrom}`;
}

/** The input `parseInfraConfig` accepts: every field optional, strings allowed where numbers go. */
export type InfraConfigInput = z.input<typeof InfraConfigSchema>;

export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
}

/** Validates already-gathered settings; tests call this directly. */
export function parseInfraConfig(input: Record<string, unknown>): InfraConfig {
  const result = InfraConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InfraConfigError(`Invalid CDK configuration: ${problems.join('; ')}`);
  }
  const mailProblem = checkMailDomain(result.data);
  if (mailProblem) throw new InfraConfigError(`Invalid CDK configuration: ${mailProblem}`);
  return Object.freeze(result.data);
}

/** Which CDK context key and which environment variable set each knob (context wins). */
const SOURCES = {
  stage: { context: 'stage', env: 'STAGE' },
  logRetentionDays: { context: 'logRetentionDays', env: 'LOG_RETENTION_DAYS' },
  logLevel: { context: 'logLevel', env: 'LOG_LEVEL' },
  allowedOrigins: { context: 'allowedOrigins', env: 'ALLOWED_ORIGINS' },
  holdTtlSeconds: { context: 'holdTtlSeconds', env: 'HOLD_TTL_SECONDS' },
  alarmEmail: { context: 'alarmEmail', env: 'ALARM_EMAIL' },
  pmsCloudbedsAllowedHosts: { context: 'pmsCloudbedsAllowedHosts', env: 'PMS_CLOUDBEDS_ALLOWED_HOSTS' },
  pmsOperaAllowedHosts: { context: 'pmsOperaAllowedHosts', env: 'PMS_OPERA_ALLOWED_HOSTS' },
  pmsCloudbedsRequestsPerSecond: { context: 'pmsCloudbedsRequestsPerSecond', env: 'PMS_CLOUDBEDS_REQUESTS_PER_SECOND' },
  authDomainPrefix: { context: 'authDomainPrefix', env: 'AUTH_DOMAIN_PREFIX' },
  mailFrom: { context: 'mailFrom', env: 'MAIL_FROM' },
  mailDomain: { context: 'mailDomain', env: 'MAIL_DOMAIN' },
  account: { context: 'account', env: 'CDK_DEFAULT_ACCOUNT' },
  region: { context: 'region', env: 'CDK_DEFAULT_REGION' },
} as const satisfies Record<keyof InfraConfig, { context: string; env: string }>;

/**
 * Reads the settings from `-c key=value` / cdk.json context on `scope`, falling back to the
 * environment, and validates them. Empty strings count as unset.
 */
export function readInfraConfig(
  scope: Construct,
  env: Record<string, string | undefined> = process.env,
): InfraConfig {
  const input: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(SOURCES)) {
    const value: unknown = scope.node.tryGetContext(source.context) ?? env[source.env];
    if (value !== undefined && value !== '') input[key] = value;
  }
  return parseInfraConfig(input);
}
