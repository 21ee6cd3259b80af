import type middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logger } from './logger.ts';
import { metrics } from './metrics.ts';
import { tracer } from './tracer.ts';

/**
 * The Powertools middleware every function runs, in one place: X-Ray segment for the invocation,
 * logs that carry the request id and cold start, and metrics flushed after each invocation with a
 * cold-start metric. Keys a handler appends to the logger live for one invocation only.
 */
export function lambdaObservability(): middy.MiddlewareObj[] {
  return [
    captureLambdaHandler(tracer, { captureResponse: false }),
    injectLambdaContext(logger, { resetKeys: true }),
    logMetrics(metrics, { captureColdStartMetric: true }),
  ];
}
