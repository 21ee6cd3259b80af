import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbHotelCatalog } from '../../../../shared/adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { aHotel, aRatePlan, aRoomType } from '../../../support/fixtures.ts';

describe('DynamoDbHotelCatalog.getCheckoutCatalog', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let catalog: DynamoDbHotelCatalog;

  beforeAll(async () => {
    table = await createTestTable();
    catalog = new DynamoDbHotelCatalog(table.doc, table.tableName);
    await catalog.putHotel(aHotel({ hotelId: 'htl_c' }));
    // Room types sorting before, at and after the one asked for, each with plans.
    for (const roomTypeId of ['rt_a', 'rt_m', 'rt_z']) {
      await catalog.putRoomType(aRoomType({ hotelId: 'htl_c', roomTypeId }));
      for (const ratePlanId of ['rp_2', 'rp_1']) await catalog.putRatePlan(aRatePlan({ hotelId: 'htl_c', roomTypeId, ratePlanId }));
    }
  });

  afterAll(async () => table.drop());

  it('reads the hotel, the room type and only its plans, in plan order, as the separate reads do', async () => {
    const one = await catalog.getCheckoutCatalog('htl_c', 'rt_m');

    expect(one.hotel?.hotelId).toBe('htl_c');
    expect(one.roomType?.roomTypeId).toBe('rt_m');
    expect(one.ratePlans.map((p) => `${p.roomTypeId}/${p.ratePlanId}`)).toEqual(['rt_m/rp_1', 'rt_m/rp_2']);
    expect(one).toEqual({ ...(await catalog.getHotelAndRoomType('htl_c', 'rt_m')), ratePlans: await catalog.listRatePlans('htl_c', 'rt_m') });
  });

  it('answers without the room type or the hotel when they do not exist', async () => {
    expect(await catalog.getCheckoutCatalog('htl_c', 'rt_none')).toEqual({ hotel: expect.objectContaining({ hotelId: 'htl_c' }), ratePlans: [] });
    expect(await catalog.getCheckoutCatalog('htl_none', 'rt_m')).toEqual({ ratePlans: [] });
  });
});
