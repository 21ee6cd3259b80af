import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import type { ConfigExpectation, ImportedListing, ListingCommitOutcome, ListingImportWriter } from '#ports/listing-import.port.ts';
import { keys, pmsKeys } from './keys.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** DynamoDB's limit on actions in one `TransactWriteItems`. */
export const MAX_TRANSACTION_ACTIONS = 100;

type TransactItem = NonNullable<Parameters<typeof transactWrite>[1]['TransactItems']>[number];

/** The same items `DynamoDbHotelCatalog` and `DynamoDbPmsConfigRepository` write, so their readers see them unchanged. */
export function hotelItem(hotel: Hotel): Record<string, unknown> {
  return {
    ...keys.hotel(hotel.hotelId),
    ...keys.hotelByCity(hotel.city, hotel.name, hotel.hotelId),
    ...keys.hotelInCatalog(hotel.name, hotel.hotelId),
    entity: 'Hotel',
    ...hotel,
  };
}

export function roomTypeItem(roomType: RoomType): Record<string, unknown> {
  return { ...keys.roomType(roomType.hotelId, roomType.roomTypeId), entity: 'RoomType', ...roomType };
}

export function ratePlanItem(plan: RatePlan): Record<string, unknown> {
  return { ...keys.ratePlan(plan.hotelId, plan.roomTypeId, plan.ratePlanId), entity: 'RatePlan', ...plan };
}

export function pmsConfigItem(config: PmsConfig): Record<string, unknown> {
  return {
    ...pmsKeys.config(config.configId),
    ...pmsKeys.configByVendor(config.vendor, config.pmsHotelId),
    ...pmsKeys.configByHotel(config.hotelId, config.configId),
    entity: 'PmsConfig',
    ...config,
  };
}

/**
 * Writes an imported listing with `TransactWriteItems`. Hotel, room types (media inside), rate
 * plans and config normally fit one transaction (2 x room types + 2 <= 100), which is then all or
 * nothing. A hotel with more than 49 room types needs more than one: the room types and rate plans
 * go first, in full transactions of 100, and the last transaction carries the hotel and the config.
 * Until that last one commits, a first import can be neither listed nor booked (no hotel) nor
 * synced (no config); a failure half-way leaves only items that the retried import overwrites.
 *
 * The config's put is conditional on what the caller read (`expectation`), so two imports of the
 * same PMS hotel racing each other cannot map it to two hotels: the loser gets `conflict`.
 */
export class DynamoDbListingImportWriter implements ListingImportWriter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly maxActions = MAX_TRANSACTION_ACTIONS,
  ) {}

  async commit(listing: ImportedListing, expectation: ConfigExpectation): Promise<ListingCommitOutcome> {
    const put = (item: Record<string, unknown>): TransactItem => ({ Put: { TableName: this.tableName, Item: item } });
    const body = [...listing.roomTypes.map((r) => put(roomTypeItem(r))), ...listing.ratePlans.map((p) => put(ratePlanItem(p)))];
    const configPut: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: pmsConfigItem(listing.config),
        ...(expectation.kind === 'new'
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'attribute_exists(pk) AND hotelId = :hotelId',
              ExpressionAttributeValues: { ':hotelId': expectation.hotelId },
            }),
      },
    };
    const last = [put(hotelItem(listing.hotel)), configPut];
    const room = this.maxActions - last.length;
    // Leading transactions take whole batches; whatever is left rides with the hotel and config.
    const leadingCount = body.length <= room ? 0 : Math.ceil((body.length - room) / this.maxActions) * this.maxActions;
    for (let i = 0; i < leadingCount; i += this.maxActions) {
      await transactWrite(this.doc, { TransactItems: body.slice(i, Math.min(i + this.maxActions, leadingCount)) });
    }
    const final = [...body.slice(leadingCount), ...last];
    try {
      await transactWrite(this.doc, { TransactItems: final });
      return 'committed';
    } catch (error) {
      if (error instanceof TransactionConditionFailed && error.failed.includes(final.length - 1)) return 'conflict';
      throw error;
    }
  }
}
