import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Sockets one client keeps open to DynamoDB, over keep-alive connections. The SDK's default is 50,
 * and it queues (and warns "socket usage at capacity=50") beyond that. A Lambda serves one request
 * at a time and never comes near either number; the local stack runs every function in one process
 * on one client, where a burst of checkouts or a bulk import would queue behind the default.
 */
export const DYNAMODB_MAX_SOCKETS = 256;

/**
 * The DynamoDB document client every repository shares. `endpoint` is set only locally; there the
 * credentials are dummies because DynamoDB Local accepts any. The same socket settings apply on
 * both runtimes, so handlers cannot tell where they run.
 */
export function createDocumentClient(options: { region: string; endpoint?: string }): DynamoDBDocumentClient {
  const agent = { keepAlive: true, maxSockets: DYNAMODB_MAX_SOCKETS };
  const client = new DynamoDBClient({
    region: options.region,
    requestHandler: { httpAgent: agent, httpsAgent: agent },
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
