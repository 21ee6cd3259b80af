import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PmsAllowedHosts } from '#domain/pms-egress.ts';
import type { PmsAllowedHostsRepository } from '#ports/pms-allowed-hosts.repository.ts';
import { fromItem } from './items.ts';
import { pmsEgressKeys } from './keys.ts';

/** The generic PMS host allow-list: one item (`PMSHOSTS#generic` / `META`), its history inside. */
export class DynamoDbPmsAllowedHostsRepository implements PmsAllowedHostsRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(vendor: 'generic'): Promise<PmsAllowedHosts> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: pmsEgressKeys.allowedHosts(vendor), ConsistentRead: true }));
    return Item ? fromItem<PmsAllowedHosts>(Item) : { vendor, hosts: [], version: 0, history: [] };
  }

  async replace(next: PmsAllowedHosts, expectedVersion: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...pmsEgressKeys.allowedHosts(next.vendor), entity: 'PmsAllowedHosts', ...next },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
