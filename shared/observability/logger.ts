import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger for every function. The service name comes from
 * `POWERTOOLS_SERVICE_NAME`, the level from `POWERTOOLS_LOG_LEVEL`. Never pass secrets, API keys or
 * card data to it: nothing here scrubs them, by design, so the rule stays at the call site.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'hotel-booking' });
