import { DynamoDbHotelCatalog } from '#adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbInventory } from '#adapters/dynamodb/inventory.dynamodb.ts';
import { createDocumentClient } from '#adapters/dynamodb/document-client.ts';
import { getConfig, type AppConfig } from '#config/config.ts';

/**
 * The composition root of the functions: the only place that constructs adapters. It is built
 * from configuration alone, so the same handler gets DynamoDB on AWS and DynamoDB Local on a
 * laptop without knowing which. Built lazily once per process (a Lambda cold start).
 */
export function createContainer(config: AppConfig) {
  const doc = createDocumentClient({
    region: config.region,
    ...(config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {}),
  });
  const catalog = new DynamoDbHotelCatalog(doc, config.tableName);
  const inventory = new DynamoDbInventory(doc, config.tableName);
  return { config, doc, catalog, inventory };
}

export type Container = ReturnType<typeof createContainer>;

let current: Container | undefined;

export function container(): Container {
  current ??= createContainer(getConfig());
  return current;
}

/** Replaces the container (tests), or forgets it so the next call rebuilds from config. */
export function setContainer(next: Container | undefined): void {
  current = next;
}
