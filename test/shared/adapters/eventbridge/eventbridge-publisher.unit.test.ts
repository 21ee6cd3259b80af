import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_SOURCE, EventBridgePublisher } from '../../../../shared/adapters/eventbridge/eventbridge-publisher.ts';

describe('EventBridgePublisher', () => {
  const client = new EventBridgeClient({ region: 'eu-west-1' });
  const eb = mockClient(client);
  const publisher = new EventBridgePublisher(client, 'hotel-booking-dev');

  beforeEach(() => eb.reset());
  afterAll(() => eb.restore());

  it('puts events on the bus in batches of ten, with our source', async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    await publisher.publish(Array.from({ length: 23 }, (_, i) => ({ type: 'booking.confirmed', detail: { bookingId: `bk_${i}` } })));
    const calls = eb.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!);
    expect(calls.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(calls[0]![0]).toEqual({ EventBusName: 'hotel-booking-dev', Source: EVENT_SOURCE, DetailType: 'booking.confirmed', Detail: '{"bookingId":"bk_0"}' });
  });

  it('fails when EventBridge rejects an entry, so the caller retries instead of losing it', async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
    await expect(publisher.publish([{ type: 'x', detail: {} }])).rejects.toThrow(/InternalFailure/);
  });
});
