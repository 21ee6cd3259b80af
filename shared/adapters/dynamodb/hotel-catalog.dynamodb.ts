import { BatchGetCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Hotel, RatePlan, RoomType } from '#domain/hotel.ts';
import type { AdminHotelListQuery, AdminHotelLister, HotelCatalogReader, HotelCatalogWriter, ListHotelsQuery, Page } from '#ports/hotel-catalog.repository.ts';
import type { KeysetPage } from '#ports/pagination.ts';
import { listHotelsForAdmin } from './hotel-admin-list.ts';
import { fromItem, queryAll } from './items.ts';
import { keys } from './keys.ts';

/**
 * Hotels, room types and rate plans in the main table. A hotel and everything under it share the
 * partition `HOTEL#<id>`, so a hotel page is one query; hotels are listed through gsi1 (by city) or
 * gsi2 (all), both sorted by name.
 */
export class DynamoDbHotelCatalog implements HotelCatalogReader, HotelCatalogWriter, AdminHotelLister {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Page-number pagination over an index read to the end. Catalogues are hundreds of hotels per
   * city, so this costs a few reads; a cursor would be the move past tens of thousands.
   */
  async listHotels(query: ListHotelsQuery): Promise<Page<Hotel>> {
    const items = query.city
      ? await queryAll(this.doc, {
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.hotelByCity(query.city, '', '').gsi1pk },
        })
      : await queryAll(this.doc, {
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.hotelInCatalog('', '').gsi2pk },
        });
    const visible = query.includeInactive ? items : items.filter((i) => i.isActive !== false);
    const totalItems = visible.length;
    const start = (query.page - 1) * query.pageSize;
    return {
      items: visible.slice(start, start + query.pageSize).map((i) => fromItem<Hotel>(i)),
      page: query.page,
      pageSize: query.pageSize,
      totalItems,
      totalPages: Math.ceil(totalItems / query.pageSize),
    };
  }

  /** The admin's list, deactivated hotels included, keyset-paginated (`hotel-admin-list.ts`). */
  async listHotelsForAdmin(query: AdminHotelListQuery): Promise<KeysetPage<Hotel>> {
    return listHotelsForAdmin(this.doc, this.tableName, query);
  }

  async getHotel(hotelId: string): Promise<Hotel | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.hotel(hotelId) }));
    return Item ? fromItem<Hotel>(Item) : undefined;
  }

  async listRoomTypes(hotelId: string): Promise<RoomType[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.hotel(hotelId).pk, ':prefix': keys.roomTypePrefix },
    });
    return items.map((i) => fromItem<RoomType>(i));
  }

  async getRoomType(hotelId: string, roomTypeId: string): Promise<RoomType | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.roomType(hotelId, roomTypeId) }),
    );
    return Item ? fromItem<RoomType>(Item) : undefined;
  }

  async listRatePlans(hotelId: string, roomTypeId: string): Promise<RatePlan[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.hotel(hotelId).pk, ':prefix': keys.ratePlanPrefix(roomTypeId) },
    });
    return items.map((i) => fromItem<RatePlan>(i));
  }

  async getHotelWithRoomTypes(hotelId: string): Promise<{ hotel?: Hotel; roomTypes: RoomType[]; ratePlans: RatePlan[] }> {
    // META, ROOMTYPE#... and RATEPLAN#... share the partition: one query returns the whole page.
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.hotel(hotelId).pk },
    });
    const hotel = items.find((i) => i.sk === keys.hotel(hotelId).sk);
    return {
      ...(hotel ? { hotel: fromItem<Hotel>(hotel) } : {}),
      roomTypes: items.filter((i) => String(i.sk).startsWith(keys.roomTypePrefix)).map((i) => fromItem<RoomType>(i)),
      ratePlans: items.filter((i) => String(i.sk).startsWith(keys.ratePlansPrefix)).map((i) => fromItem<RatePlan>(i)),
    };
  }

  async getHotelAndRoomType(hotelId: string, roomTypeId: string): Promise<{ hotel?: Hotel; roomType?: RoomType }> {
    const request = { Keys: [keys.hotel(hotelId), keys.roomType(hotelId, roomTypeId)] };
    let pending: typeof request | undefined = request;
    const items: Record<string, unknown>[] = [];
    // BatchGet may hand back unprocessed keys under load; ask again for those.
    for (let attempt = 0; pending && attempt < 5; attempt++) {
      const out: { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, unknown> } =
        await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: pending } }));
      items.push(...(out.Responses?.[this.tableName] ?? []));
      pending = out.UnprocessedKeys?.[this.tableName] as typeof request | undefined;
    }
    const hotel = items.find((i) => i.sk === 'META');
    const roomType = items.find((i) => i.sk !== 'META');
    return {
      ...(hotel ? { hotel: fromItem<Hotel>(hotel) } : {}),
      ...(roomType ? { roomType: fromItem<RoomType>(roomType) } : {}),
    };
  }

  async getCheckoutCatalog(hotelId: string, roomTypeId: string): Promise<{ hotel?: Hotel; roomType?: RoomType; ratePlans: RatePlan[] }> {
    // The partition sorts META < RATEPLAN#... < ROOMTYPE#...: one range from the hotel to this room
    // type holds all three; the filter drops other room types' plans and the room types sorting
    // before this one (read, not returned: a hotel's catalog is a few KB).
    const hotelKey = keys.hotel(hotelId);
    const roomTypeKey = keys.roomType(hotelId, roomTypeId);
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :meta AND :roomType',
      // A filter may not name the sort key: the hotel item has no room type, its room types and plans do.
      FilterExpression: 'attribute_not_exists(roomTypeId) OR roomTypeId = :roomTypeId',
      ExpressionAttributeValues: { ':pk': hotelKey.pk, ':meta': hotelKey.sk, ':roomType': roomTypeKey.sk, ':roomTypeId': roomTypeId },
    });
    const hotel = items.find((i) => i.sk === hotelKey.sk);
    const roomType = items.find((i) => i.sk === roomTypeKey.sk);
    return {
      ...(hotel ? { hotel: fromItem<Hotel>(hotel) } : {}),
      ...(roomType ? { roomType: fromItem<RoomType>(roomType) } : {}),
      ratePlans: items.filter((i) => String(i.sk).startsWith(keys.ratePlanPrefix(roomTypeId))).map((i) => fromItem<RatePlan>(i)),
    };
  }

  async putHotel(hotel: Hotel): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.hotel(hotel.hotelId),
          ...keys.hotelByCity(hotel.city, hotel.name, hotel.hotelId),
          ...keys.hotelInCatalog(hotel.name, hotel.hotelId),
          entity: 'Hotel',
          ...hotel,
        },
      }),
    );
  }

  async putRoomType(roomType: RoomType): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.roomType(roomType.hotelId, roomType.roomTypeId), entity: 'RoomType', ...roomType },
      }),
    );
  }

  async putRatePlan(ratePlan: RatePlan): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.ratePlan(ratePlan.hotelId, ratePlan.roomTypeId, ratePlan.ratePlanId),
          entity: 'RatePlan',
          ...ratePlan,
        },
      }),
    );
  }
}
