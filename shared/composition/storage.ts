import { DynamoDbBookingRepository } from '#adapters/dynamodb/booking.dynamodb.ts';
import { createDocumentClient } from '#adapters/dynamodb/document-client.ts';
import { DynamoDbFindingRepository } from '#adapters/dynamodb/finding.dynamodb.ts';
import { DynamoDbHoldRepository } from '#adapters/dynamodb/hold.dynamodb.ts';
import { DynamoDbHotelCatalog } from '#adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbInventory } from '#adapters/dynamodb/inventory.dynamodb.ts';
import { DynamoDbListingImportWriter } from '#adapters/dynamodb/listing-import.dynamodb.ts';
import { DynamoDbPmsConfigRepository } from '#adapters/dynamodb/pms-config.dynamodb.ts';
import { DynamoDbWebhookEventRepository } from '#adapters/dynamodb/webhook-event.dynamodb.ts';
import { traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';

/**
 * The DynamoDB repositories, one provider each over one shared document client. They all live in
 * one module because they share the one SDK client; nothing else (Stripe, SQS, KMS) is imported here.
 */
export const documentClient = /* @__PURE__ */ provider(() => {
  const c = config();
  return createDocumentClient({
    region: c.region,
    requestTimeoutMs: c.dynamoDbTimeoutMs,
    connectionTimeoutMs: c.dynamoDbConnectTimeoutMs,
    ...(c.dynamoDbEndpoint ? { endpoint: c.dynamoDbEndpoint } : {}),
    wrap: traced,
  });
});

const table = () => config().tableName;

export const bookingRepository = /* @__PURE__ */ provider(() => new DynamoDbBookingRepository(documentClient(), table()));
export const hotelCatalog = /* @__PURE__ */ provider(() => new DynamoDbHotelCatalog(documentClient(), table()));
export const inventoryStore = /* @__PURE__ */ provider(() => new DynamoDbInventory(documentClient(), table()));
export const holdRepository = /* @__PURE__ */ provider(() => new DynamoDbHoldRepository(documentClient(), table()));
export const pmsConfigRepository = /* @__PURE__ */ provider(() => new DynamoDbPmsConfigRepository(documentClient(), table()));
export const webhookEventRepository = /* @__PURE__ */ provider(() => new DynamoDbWebhookEventRepository(documentClient(), table()));
export const findingRepository = /* @__PURE__ */ provider(() => new DynamoDbFindingRepository(documentClient(), table()));
export const listingImportWriter = /* @__PURE__ */ provider(() => new DynamoDbListingImportWriter(documentClient(), table()));
