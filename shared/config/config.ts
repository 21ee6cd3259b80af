import { z } from 'zod';

/**
 * Runtime configuration of every function, read from the environment once per process and
 * validated. CDK sets these variables on each Lambda; the local stack sets the same ones before it
 * loads the handlers, which is how one handler runs unchanged in both places. A missing or bad
 * value throws `ConfigError` naming the variable, so a misconfigured function fails at start, not
 * half-way through a booking.
 */
const ConfigSchema = z.object({
  TABLE_NAME: z.string().min(3).max(255),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Only set locally: DynamoDB Local's URL. On AWS the SDK finds the regional endpoint itself. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** The public base URL of the API, used in the OpenAPI document's `servers`. */
  API_BASE_URL: z.url().optional(),
});

export type AppConfig = Readonly<{
  tableName: string;
  region: string;
  dynamoDbEndpoint?: string;
  apiBaseUrl?: string;
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
  return Object.freeze({
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    ...(e.DYNAMODB_ENDPOINT ? { dynamoDbEndpoint: e.DYNAMODB_ENDPOINT } : {}),
    ...(e.API_BASE_URL ? { apiBaseUrl: e.API_BASE_URL } : {}),
  });
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
