import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StorageUnavailableError } from '#domain/booking-errors.ts';

/**
 * Sockets one client keeps open to DynamoDB, over keep-alive connections; requests beyond them
 * wait for a free socket. A Lambda serves one request at a time and never comes near it. The local
 * stack runs every function in one process on one client, where the cap is back-pressure that
 * DynamoDB Local needs: it serializes transactions on an item with locks, and with 256 sockets 200
 * concurrent checkouts on one night made it time out waiting for them ("too long waiting for a
 * lock", test/saga/overbooking.test.ts), where 50 lets them queue here instead. What made the SDK
 * warn "socket usage at capacity=50" at start-up was the demo import sending a put per night, 128
 * at a time; it now writes in batches (`inventory.dynamodb.ts`) and stays far below the cap.
 */
export const DYNAMODB_MAX_SOCKETS = 50;

/** How long one attempt may take by default; the SDK makes three attempts (DynamoDB answers in milliseconds). */
export const DYNAMODB_REQUEST_TIMEOUT_MS = 5_000;

/** Errors DynamoDB raises when it is not answering (as opposed to answering "no"). */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerError',
  'ServiceUnavailable',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether an error from the SDK means DynamoDB did not answer: a timeout, no connection, a 5xx, or
 * throttling that outlasted the SDK's retries. Conditions that failed, validation errors and a
 * missing table are answers, and stay what they are.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  if (UNAVAILABLE_NAMES.has(e.name) || (e.code !== undefined && UNAVAILABLE_CODES.has(e.code))) return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * The document client every repository shares. `endpoint` is set only locally; there the
 * credentials are dummies because DynamoDB Local accepts any. `wrap` lets the composition root
 * instrument the low-level client (X-Ray) before the document client is layered on it. The same
 * socket settings apply on both runtimes, so handlers cannot tell where they run.
 *
 * Every attempt is bounded (`requestTimeoutMs`), and a DynamoDB that does not answer, after the
 * SDK's retries, surfaces as `StorageUnavailableError` (503 `STORAGE_UNAVAILABLE`, and a retry
 * that Step Functions knows to make) from one middleware here, so no repository and no handler
 * has to recognise the SDK's transport errors.
 */
export function createDocumentClient(options: {
  region: string;
  endpoint?: string;
  requestTimeoutMs?: number;
  /** How long establishing a connection may take (default 2 s; DynamoDB accepts in milliseconds). */
  connectionTimeoutMs?: number;
  wrap?: (client: DynamoDBClient) => DynamoDBClient;
}): DynamoDBDocumentClient {
  const agent = { keepAlive: true, maxSockets: DYNAMODB_MAX_SOCKETS };
  const client = new DynamoDBClient({
    region: options.region,
    requestHandler: { httpAgent: agent, httpsAgent: agent, requestTimeout: options.requestTimeoutMs ?? DYNAMODB_REQUEST_TIMEOUT_MS, connectionTimeout: options.connectionTimeoutMs ?? 2_000 },
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isStorageUnavailable(error)) throw error;
        throw new StorageUnavailableError('Our database is not answering right now. Try again shortly.', { cause: error });
      }
    },
    { step: 'initialize', name: 'storageUnavailableMiddleware', priority: 'high' },
  );
  return DynamoDBDocumentClient.from(options.wrap ? options.wrap(client) : client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
