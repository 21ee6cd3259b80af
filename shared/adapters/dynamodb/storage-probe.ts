import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DependencyProbe } from '#ports/dependency-probe.port.ts';

/**
 * DynamoDB answers reads: one eventually consistent `GetItem` of a key no item has (half a read
 * unit, no write). A missing table or a denied role fails it as surely as an outage does.
 */
export class DynamoDbStorageProbe implements DependencyProbe {
  readonly name = 'storage';

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async check(): Promise<void> {
    await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: 'HEALTH#PROBE', sk: 'META' } }));
  }
}
