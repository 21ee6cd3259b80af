import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '#domain/dates.ts';
import type { AssignedRoom, RoomAssignment, RoomClaimJournal } from '#domain/room.ts';
import type { ClaimOutcome, RoomAssignmentStore } from '#ports/room.repository.ts';
import { forEachLimited, queryAll } from './items.ts';
import { bookingKeys, roomKeys } from './keys.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** Room nights are kept a year after the night (housekeeping only: nothing reads a past night). */
const ROOM_NIGHT_TTL_SECONDS = 365 * 24 * 3600;

/** Statuses whose stay holds rooms; a string list, so a status added by the lifecycle work needs no change here. */
const HOLDING_STATUSES = ['CONFIRMED', 'CHECKED_IN'] as const;

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Room nights (`ROOMNIGHTS#<hotel>#<date>` / `ROOM#<room>`, one item per room x night, with the
 * booking that holds it) and the booking's assignment and journal attributes (`roomAssignment`,
 * `roomClaim`) on the booking item itself. Every write is conditional: a night is claimed only if
 * free or already this booking's, and the booking's side moves only from the journal state the
 * caller read.
 */
export class DynamoDbRoomAssignmentStore implements RoomAssignmentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async heldOn(hotelId: string, nights: readonly IsoDate[]): Promise<Map<IsoDate, Map<string, string>>> {
    const result = new Map<IsoDate, Map<string, string>>();
    await forEachLimited([...new Set(nights)], 8, async (date) => {
      const items = await queryAll(this.doc, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': roomKeys.roomNightsPartition(hotelId, date) },
        ConsistentRead: true,
      });
      result.set(date, new Map(items.map((item) => [String(item.roomId), String(item.bookingId)])));
    });
    return result;
  }

  async holdsStaysFrom(hotelId: string, roomId: string, from: IsoDate): Promise<boolean> {
    const { gsi1pk } = roomKeys.roomNightByRoom(hotelId, roomId, from);
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
        ExpressionAttributeValues: { ':pk': gsi1pk, ':from': from },
        Limit: 1,
      }),
    );
    return (page.Items ?? []).length > 0;
  }

  async openJournal(bookingId: string, journal: RoomClaimJournal, expectedRevision: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKeys.booking(bookingId),
          UpdateExpression: 'SET roomClaim = :journal',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(roomClaim) AND ' +
            (expectedRevision === 0 ? 'attribute_not_exists(roomAssignment)' : 'roomAssignment.revision = :expected'),
          ExpressionAttributeValues: { ':journal': journal, ...(expectedRevision === 0 ? {} : { ':expected': expectedRevision }) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async claim(input: { bookingId: string; hotelId: string; room: AssignedRoom; nights: readonly IsoDate[]; revision: number }): Promise<ClaimOutcome> {
    const { bookingId, hotelId, room, nights } = input;
    const ttlBase = (date: IsoDate) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000) + ROOM_NIGHT_TTL_SECONDS;
    try {
      await transactWrite(this.doc, {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: bookingKeys.booking(bookingId),
              UpdateExpression: 'SET roomClaim.roomIds = list_append(roomClaim.roomIds, :room)',
              ConditionExpression: 'roomClaim.revision = :revision AND roomClaim.phase = :claiming',
              ExpressionAttributeValues: { ':room': [room.roomId], ':revision': input.revision, ':claiming': 'claiming' },
            },
          },
          ...nights.map((date) => ({
            Put: {
              TableName: this.tableName,
              Item: {
                ...roomKeys.roomNight(hotelId, date, room.roomId),
                ...roomKeys.roomNightByRoom(hotelId, room.roomId, date),
                entity: 'RoomNight',
                hotelId,
                roomId: room.roomId,
                roomNumber: room.number,
                date,
                bookingId,
                ttl: ttlBase(date),
              },
              ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :me',
              ExpressionAttributeValues: { ':me': bookingId },
            },
          })),
        ],
      });
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      if (error.failed.includes(0)) return { claimed: false, reason: 'journal' };
      return { claimed: false, reason: 'taken', date: nights[error.failed[0]! - 1]! };
    }
  }

  async release(input: { bookingId: string; hotelId: string; roomId: string; nights: readonly IsoDate[] }): Promise<void> {
    await forEachLimited([...input.nights], 8, async (date) => {
      try {
        await this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: roomKeys.roomNight(input.hotelId, date, input.roomId),
            ConditionExpression: 'bookingId = :me',
            ExpressionAttributeValues: { ':me': input.bookingId },
          }),
        );
      } catch (error) {
        // Free already, or another stay's: not ours to release.
        if (!isConditionFailure(error)) throw error;
      }
    });
  }

  async complete(bookingId: string, assignment: RoomAssignment, releasing: { roomIds: string[]; nights: IsoDate[] } | undefined): Promise<boolean> {
    const values: Record<string, unknown> = {
      ':assignment': assignment,
      ':revision': assignment.revision,
      ':claiming': 'claiming',
      ...Object.fromEntries(HOLDING_STATUSES.map((status, i) => [`:s${i}`, status])),
    };
    let update = 'SET roomAssignment = :assignment';
    if (releasing && releasing.roomIds.length > 0) {
      values[':releasing'] = { phase: 'releasing', revision: assignment.revision, roomIds: releasing.roomIds, nights: releasing.nights, startedAt: assignment.assignedAt } satisfies RoomClaimJournal;
      update += ', roomClaim = :releasing';
    } else {
      update += ' REMOVE roomClaim';
    }
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKeys.booking(bookingId),
          UpdateExpression: update,
          ConditionExpression: `roomClaim.revision = :revision AND roomClaim.phase = :claiming AND #status IN (${HOLDING_STATUSES.map((_, i) => `:s${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async closeJournal(bookingId: string, revision: number): Promise<void> {
    await this.conditionalUpdate(bookingId, 'REMOVE roomClaim', 'roomClaim.revision = :revision', { ':revision': revision });
  }

  async clearAssignment(bookingId: string, revision: number): Promise<void> {
    await this.conditionalUpdate(bookingId, 'REMOVE roomAssignment', 'roomAssignment.revision = :revision', { ':revision': revision });
  }

  async markAnnounced(bookingId: string, revision: number): Promise<void> {
    await this.conditionalUpdate(bookingId, 'SET roomAssignment.announced = :yes', 'roomAssignment.revision = :revision', { ':revision': revision, ':yes': true });
  }

  async setPmsRoomNumbers(bookingId: string, numbers: string[]): Promise<void> {
    await this.conditionalUpdate(bookingId, 'SET pmsRoomNumbers = :numbers', 'attribute_exists(pk)', { ':numbers': numbers });
  }

  private async conditionalUpdate(bookingId: string, update: string, condition: string, values: Record<string, unknown>): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKeys.booking(bookingId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
