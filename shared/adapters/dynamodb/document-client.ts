import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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

/**
 * The DynamoDB document client every repository shares. `endpoint` is set only locally; there the
 * credentials are dummies because DynamoDB Local accepts any. `wrap` lets the composition root
 * instrument the low-level client (X-Ray) before the document client is layered on it. The same
 * socket settings apply on both runtimes, so handlers cannot tell where they run.
 */
export function createDocumentClient(options: {
  region: string;
  endpoint?: string;
  wrap?: (client: DynamoDBClient) => DynamoDBClient;
}): DynamoDBDocumentClient {
  const agent = { keepAlive: true, maxSockets: DYNAMODB_MAX_SOCKETS };
  const client = new DynamoDBClient({
    region: options.region,
    requestHandler: { httpAgent: agent, httpsAgent: agent },
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(options.wrap ? options.wrap(client) : client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
