import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one definition of the DynamoDB table. CDK (`infra/stacks/data-stack.ts`) and the local
 * bootstrap (`local/dynamodb/dynamodb-local.ts`) both build the table from this object, so the keys and
 * indexes the code queries can never differ between AWS and a laptop. Key design: docs/data-model.md.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
}

export interface TableDefinition {
  /** Logical name; the physical name comes from config (`TABLE_NAME`). */
  id: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalSecondaryIndexes: IndexDefinition[];
  /** Epoch-seconds attribute DynamoDB's TTL sweeps (housekeeping only, never correctness). */
  timeToLiveAttribute: string;
}

export const MAIN_TABLE: TableDefinition = {
  id: 'Main',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
    {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
    },
    // A guest's bookings (issue 8).
    {
      indexName: 'gsi3',
      partitionKey: { name: 'gsi3pk', type: 'S' },
      sortKey: { name: 'gsi3sk', type: 'S' },
    },
    // Sparse: only bookings still PENDING carry `pendingpk`/`pendingsk` (the recovery job's read, issue 12).
    // Named for its one purpose, not numbered: it is not overloaded.
    // CloudFormation adds one index per stack update: a table deployed before either index existed
    // gets them in two deploys (docs/deploy.md).
    {
      indexName: 'pending',
      partitionKey: { name: 'pendingpk', type: 'S' },
      sortKey: { name: 'pendingsk', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'ttl',
};

/** The `CreateTable` request the local bootstrap sends to DynamoDB Local. */
export function toCreateTableInput(def: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute>();
  for (const key of [def.partitionKey, def.sortKey, ...def.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attributes.set(key.name, key);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: def.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
