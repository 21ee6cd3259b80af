import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB document client every repository shares. `endpoint` is set only locally; there the
 * credentials are dummies because DynamoDB Local accepts any. `wrap` lets the composition root
 * instrument the low-level client (X-Ray) before the document client is layered on it.
 */
export function createDocumentClient(options: {
  region: string;
  endpoint?: string;
  wrap?: (client: DynamoDBClient) => DynamoDBClient;
}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(options.wrap ? options.wrap(client) : client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
