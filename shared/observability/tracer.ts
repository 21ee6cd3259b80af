import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The X-Ray tracer of every function (active tracing is on for each Lambda). It switches itself off
 * outside Lambda (no `AWS_EXECUTION_ENV`), so the local stack and tests never try to reach a daemon.
 */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'hotel-booking' });
