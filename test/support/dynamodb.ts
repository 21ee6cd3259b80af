import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { parseConfig, type AppConfig } from '../../shared/config/config.ts';
import { ensureTable, localDynamoClient } from '../../local/dynamodb/dynamodb-local.ts';

/**
 * A fresh table on the run's DynamoDB Local, built from the shared table definition, so each test
 * file works on real storage without seeing another file's data.
 */
export async function createTestTable() {
  const endpoint = inject('dynamoDbEndpoint');
  const tableName = `test-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  const doc = createDocumentClient({ region: 'local', endpoint });
  return {
    endpoint,
    tableName,
    doc,
    async drop() {
      doc.destroy();
      const client = localDynamoClient(endpoint);
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}

/** The pagination cursors' key in tests (`CURSOR_SECRET`; Secrets Manager on AWS). */
export const TEST_CURSOR_SECRET = 'test-cursor-secret-0123456789abcdef';

/**
 * A validated configuration pointing at a test table, with overrides as environment variables.
 * PMS requests may go to loopback, as in the local stack: the simulators listen on 127.0.0.1.
 */
export function testConfig(tableName: string, endpoint: string, env: Record<string, string> = {}): AppConfig {
  // DynamoDB Local on a loaded machine can take seconds per request under a burst of checkouts:
  // tests judge outcomes, not how fast the database answered, so only a test about the timeout sets one.
  return parseConfig({
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'local',
    CURSOR_SECRET: TEST_CURSOR_SECRET,
    PMS_ALLOW_PRIVATE_HOSTS: 'loopback',
    DYNAMODB_TIMEOUT_MS: '60000',
    DYNAMODB_CONNECT_TIMEOUT_MS: '60000',
    ...env,
  });
}
