import type { LocalConfig } from './local-config.ts';

/**
 * The variables a Lambda would have, set before any handler is imported: handlers, their logger
 * and their config read `process.env` when they load, exactly as in a Lambda. Credentials are
 * dummies on purpose: a local handler must never reach a real AWS account with a developer's keys.
 */
export function setFunctionEnvironment(config: LocalConfig, dynamoEndpoint: string, apiBaseUrl: string): void {
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
