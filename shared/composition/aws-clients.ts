import { tracer } from '#observability/tracer.ts';
import { config } from './runtime.ts';

/**
 * Options for an AWS SDK client: the regional endpoint on AWS; locally the stack's loopback
 * endpoint and dummy credentials. Nothing else tells a handler where it runs.
 */
export function awsClientOptions(endpoint: string | undefined) {
  return {
    region: config().region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}

/** Every SDK client is traced: X-Ray shows each AWS call as a subsegment of the invocation. */
export function traced<C>(client: C): C {
  return tracer.captureAWSv3Client(client);
}
