import { DynamoDbBookingRepository } from '#adapters/dynamodb/booking.dynamodb.ts';
import { DynamoDbDeadLetterStore } from '#adapters/dynamodb/dead-letter.dynamodb.ts';
import { DynamoDbBookingSearch } from '#adapters/dynamodb/booking-search.dynamodb.ts';
import { createDocumentClient } from '#adapters/dynamodb/document-client.ts';
import { DynamoDbFindingRepository } from '#adapters/dynamodb/finding.dynamodb.ts';
import { DynamoDbHoldRepository } from '#adapters/dynamodb/hold.dynamodb.ts';
import { DynamoDbCatalogAdmin } from '#adapters/dynamodb/catalog-admin.dynamodb.ts';
import { DynamoDbHotelCatalog } from '#adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbHotelSearch } from '#adapters/dynamodb/hotel-search.dynamodb.ts';
import { DynamoDbInventory } from '#adapters/dynamodb/inventory.dynamodb.ts';
import { DynamoDbListingImportWriter } from '#adapters/dynamodb/listing-import.dynamodb.ts';
import { DynamoDbPmsAllowedHostsRepository } from '#adapters/dynamodb/pms-allowed-hosts.dynamodb.ts';
import { DynamoDbPmsConfigRepository } from '#adapters/dynamodb/pms-config.dynamodb.ts';
import { DynamoDbRoomAssignmentStore } from '#adapters/dynamodb/room-assignment.dynamodb.ts';
import { DynamoDbRoomRepository } from '#adapters/dynamodb/room.dynamodb.ts';
import { DynamoDbSentMailLog } from '#adapters/dynamodb/sent-mail.dynamodb.ts';
import { DynamoDbGuestBookingReader } from '#adapters/dynamodb/guest-bookings.dynamodb.ts';
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
export const pmsAllowedHostsRepository = /* @__PURE__ */ provider(() => new DynamoDbPmsAllowedHostsRepository(documentClient(), table()));
/** The search's default adapter (issue 9): the availability summary in the table (docs/search.md). */
export const hotelSearch = /* @__PURE__ */ provider(() => new DynamoDbHotelSearch(documentClient(), table()));
export const catalogAdmin = /* @__PURE__ */ provider(() => new DynamoDbCatalogAdmin(documentClient(), table()));
export const roomRepository = /* @__PURE__ */ provider(() => new DynamoDbRoomRepository(documentClient(), table()));
export const roomAssignmentStore = /* @__PURE__ */ provider(() => new DynamoDbRoomAssignmentStore(documentClient(), table()));
export const sentMailLog = /* @__PURE__ */ provider(() => new DynamoDbSentMailLog(documentClient(), table()));
export const guestBookingReader = /* @__PURE__ */ provider(() => new DynamoDbGuestBookingReader(documentClient(), table()));
/** The saga dead letters as recorded when sent (issue 10): what the console lists. */
export const deadLetterStore = /* @__PURE__ */ provider(() => new DynamoDbDeadLetterStore(documentClient(), table()));
/** Booking search keys (issue 10): the admin list's text search and the booking measures. */
export const bookingSearch = /* @__PURE__ */ provider(() => new DynamoDbBookingSearch(documentClient(), table()));
