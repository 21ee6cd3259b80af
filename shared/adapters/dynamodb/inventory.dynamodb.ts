import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StorageContentionError } from '#domain/booking-errors.ts';
import type { IsoDate } from '#domain/dates.ts';
import { countsAfterReport, editedOverrides, newNight, type InventoryMovement, type InventoryNight, type NightCounts, type OverridesEdit } from '#domain/inventory.ts';
import type {
  InventoryLedger,
  InventoryLimits,
  InventoryReader,
  InventoryWriter,
  PmsApplyOutcome,
  PmsInventorySync,
  PmsNightRate,
  PmsNightReport,
} from '#ports/inventory.repository.ts';
import { forEachLimited, fromItem, queryAll } from './items.ts';
import { keys } from './keys.ts';
import { movementPut } from './movements.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** TransactWriteItems' maximum. */
const CREATE_BATCH_SIZE = 100;
/** BatchWriteItem's maximum. */
const SEED_BATCH_SIZE = 25;
const SEED_BATCHES_IN_FLIGHT = 2;
const SEED_MAX_ATTEMPTS = 8;

/**
 * Inventory nights: partition `INV#<hotel>#<roomType>`, sort key `DATE#<yyyy-mm-dd>`, so any stay
 * or calendar range is one `Query` with `BETWEEN`, and each night is its own item that a
 * conditional write or transaction can guard.
 */
export class DynamoDbInventory implements InventoryReader, InventoryWriter, PmsInventorySync, InventoryLimits, InventoryLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getNights(hotelId: string, roomTypeId: string, startDate: IsoDate, endDate: IsoDate): Promise<InventoryNight[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.inventoryPartition(hotelId, roomTypeId),
        ':from': keys.inventorySortKey(startDate),
        ':to': keys.inventorySortKey(endDate),
      },
    });
    return items.map(stripNight);
  }

  /**
   * Creates nights in batches: one `TransactWriteItems` of up to 100 conditional puts
   * (`attribute_not_exists(pk)`) per batch. A batch some of whose nights exist already is
   * cancelled as a whole; those nights are dropped from it (left exactly as they are, `reserved`
   * included) and the rest is written again. So the outcome is the one of a conditional put per
   * night, in a hundredth of the requests. Batches go one at a time: DynamoDB Local serializes
   * transactions on a partition with locks, and several at once only wait on each other.
   */
  async createNights(nights: InventoryNight[]): Promise<void> {
    const unique = [...new Map(nights.map((n) => [`${n.hotelId}|${n.roomTypeId}|${n.date}`, n])).values()];
    const batches: InventoryNight[][] = [];
    for (let i = 0; i < unique.length; i += CREATE_BATCH_SIZE) batches.push(unique.slice(i, i + CREATE_BATCH_SIZE));
    for (const batch of batches) await this.createBatch(batch);
  }

  /**
   * `BatchWriteItem` of 25 plain puts, a few requests at once, retrying what DynamoDB leaves
   * unprocessed with backoff: half the write units of a transaction and no conditions, which is
   * why it is only for nights nobody can reach (see the port).
   */
  async seedUnreachableNights(nights: InventoryNight[]): Promise<void> {
    const unique = [...new Map(nights.map((n) => [`${n.hotelId}|${n.roomTypeId}|${n.date}`, n])).values()];
    const batches: InventoryNight[][] = [];
    for (let i = 0; i < unique.length; i += SEED_BATCH_SIZE) batches.push(unique.slice(i, i + SEED_BATCH_SIZE));
    await forEachLimited(batches, SEED_BATCHES_IN_FLIGHT, async (batch) => {
      let requests = batch.map((night) => ({
        PutRequest: { Item: { ...keys.inventoryNight(night.hotelId, night.roomTypeId, night.date), entity: 'InventoryNight', ...night } },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= SEED_MAX_ATTEMPTS) throw new Error(`DynamoDB left ${requests.length} nights unwritten after ${SEED_MAX_ATTEMPTS} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
        const { UnprocessedItems } = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    });
  }

  private async createBatch(batch: InventoryNight[]): Promise<void> {
    let pending = batch;
    while (pending.length > 0) {
      try {
        await transactWrite(this.doc, {
          TransactItems: pending.map((night) => ({
            Put: {
              TableName: this.tableName,
              Item: { ...keys.inventoryNight(night.hotelId, night.roomTypeId, night.date), entity: 'InventoryNight', ...night },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        });
        return;
      } catch (error) {
        if (!(error instanceof TransactionConditionFailed)) throw error;
        const existing = new Set(error.failed);
        pending = pending.filter((_, i) => !existing.has(i));
      }
    }
  }

  async applyReport(
    report: PmsNightReport,
    now: Date,
  ): Promise<{ outcome: PmsApplyOutcome; night?: InventoryNight; previous?: InventoryNight }> {
    const key = keys.inventoryNight(report.hotelId, report.roomTypeId, report.date);
    const stamp = now.toISOString();
    for (let attempt = 0; attempt < MAX_REPORT_ATTEMPTS; attempt++) {
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      if (!Item) {
        const night = newNight({
          ...report,
          priceMinor: report.priceMinor ?? report.newNightPriceMinor,
          now: stamp,
          syncedAt: stamp,
          ...(report.available !== undefined ? { pmsAvailable: report.available } : {}),
          ...(report.restrictions ? { restrictions: report.restrictions } : {}),
        });
        try {
          await transactWrite(this.doc, {
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...key, entity: 'InventoryNight', ...night, pmsTotalAt: report.sourceAt, pmsRateAt: report.sourceAt },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              movementPut(this.tableName, { ...movementOf(report, stamp, 'night created from the PMS'), after: countsOf(night) }),
            ],
          });
          return { outcome: 'created', night };
        } catch (error) {
          // Created by someone else in between: apply to that night on the next turn.
          if (!(error instanceof TransactionConditionFailed)) throw error;
          continue;
        }
      }
      const stored = Item as StoredNight;
      const previous = stripNight(Item);
      if (stored.pmsTotalAt && stored.pmsTotalAt > report.sourceAt) return { outcome: 'stale', night: previous };
      const inPmsNow = previous.inPms ?? 0;
      const counts = countsAfterReport({
        total: report.total,
        sellLimit: report.sellLimit,
        reserved: previous.reserved,
        inPms: Math.min(report.inPmsBefore ?? inPmsNow, inPmsNow),
        external: previous.external ?? 0,
        ...(report.available !== undefined ? { pmsAvailable: report.available } : {}),
      });
      const priceIsNewer = report.priceMinor !== undefined && (!stored.pmsRateAt || stored.pmsRateAt <= report.sourceAt);
      const night: InventoryNight = {
        ...previous,
        total: report.total,
        sellLimit: report.sellLimit,
        external: counts.external,
        remaining: counts.remaining,
        overbooked: counts.overbooked,
        ...(report.available !== undefined ? { pmsAvailable: report.available } : {}),
        ...(priceIsNewer ? { priceMinor: report.priceMinor!, currency: report.currency } : {}),
        updatedAt: stamp,
        syncedAt: stamp,
      };
      if (report.restrictions) {
        if (Object.keys(report.restrictions).length > 0) night.restrictions = report.restrictions;
        else delete night.restrictions;
      }
      const update = {
        Update: {
          TableName: this.tableName,
          Key: key,
          // Our counters as read: a hold, release or PMS mark in between makes us read and compute again.
          ConditionExpression: [
            'reserved = :reserved',
            previous.inPms === undefined ? 'attribute_not_exists(inPms)' : 'inPms = :inPms',
            stored.pmsTotalAt === undefined ? 'attribute_not_exists(pmsTotalAt)' : 'pmsTotalAt = :prevAt',
          ].join(' AND '),
          UpdateExpression: [
            'SET #total = :total, sellLimit = :limit, #external = :external, remaining = :remaining, overbooked = :overbooked',
            'pmsTotalAt = :at, syncedAt = :now, updatedAt = :now',
            ...(report.available !== undefined ? ['pmsAvailable = :available'] : []),
            ...(priceIsNewer ? ['priceMinor = :price, currency = :currency, pmsRateAt = :at'] : []),
            ...(night.restrictions && report.restrictions ? ['restrictions = :restrictions'] : []),
          ].join(', ') + (report.restrictions && !night.restrictions ? ' REMOVE restrictions' : ''),
          ExpressionAttributeNames: { '#total': 'total', '#external': 'external' },
          ExpressionAttributeValues: {
            ':reserved': previous.reserved,
            ...(previous.inPms === undefined ? {} : { ':inPms': previous.inPms }),
            ...(stored.pmsTotalAt === undefined ? {} : { ':prevAt': stored.pmsTotalAt }),
            ':total': report.total,
            ':limit': report.sellLimit,
            ':external': counts.external,
            ':remaining': counts.remaining,
            ':overbooked': counts.overbooked,
            ':at': report.sourceAt,
            ':now': stamp,
            ...(report.available !== undefined ? { ':available': report.available } : {}),
            ...(priceIsNewer ? { ':price': report.priceMinor, ':currency': report.currency } : {}),
            ...(night.restrictions && report.restrictions ? { ':restrictions': night.restrictions } : {}),
          },
        },
      };
      const before = countsOf(previous);
      const after = countsOf(night);
      const countsChanged = (Object.keys(after) as (keyof NightCounts)[]).some((k) => before[k] !== after[k]);
      try {
        await transactWrite(this.doc, {
          TransactItems: countsChanged
            ? [update, movementPut(this.tableName, { ...movementOf(report, stamp, 'PMS report'), before, after })]
            : [update],
        });
        return { outcome: 'applied', night, previous };
      } catch (error) {
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
    throw new StorageContentionError(
      `The night ${report.hotelId}/${report.roomTypeId}/${report.date} kept changing while a PMS report was applied.`,
    );
  }

  async setSellLimit(
    at: { hotelId: string; roomTypeId: string; date: IsoDate },
    sellLimit: number,
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<InventoryNight | undefined> {
    const key = keys.inventoryNight(at.hotelId, at.roomTypeId, at.date);
    const stamp = now.toISOString();
    for (let attempt = 0; attempt < MAX_REPORT_ATTEMPTS; attempt++) {
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      if (!Item) return undefined;
      const previous = stripNight(Item);
      if (previous.sellLimit === sellLimit) return previous;
      const remaining = sellLimit - (previous.external ?? 0) - previous.reserved;
      const night: InventoryNight = { ...previous, sellLimit, remaining, overbooked: remaining < 0, updatedAt: stamp };
      try {
        await transactWrite(this.doc, {
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: key,
                // Same reserved, limit and remaining means the same other channels' count too: a PMS
                // report landing between the read and this write makes it read again.
                ConditionExpression: 'reserved = :reserved AND sellLimit = :previousLimit AND remaining = :previousRemaining',
                UpdateExpression: 'SET sellLimit = :limit, remaining = :remaining, overbooked = :overbooked, updatedAt = :now',
                ExpressionAttributeValues: {
                  ':reserved': previous.reserved,
                  ':previousLimit': previous.sellLimit,
                  ':previousRemaining': previous.remaining,
                  ':limit': sellLimit,
                  ':remaining': remaining,
                  ':overbooked': remaining < 0,
                  ':now': stamp,
                },
              },
            },
            movementPut(this.tableName, {
              hotelId: at.hotelId,
              roomTypeId: at.roomTypeId,
              date: at.date,
              kind: 'policy',
              reason: change.reason,
              ref: change.ref,
              at: stamp,
              before: countsOf(previous),
              after: countsOf(night),
            }),
          ],
        });
        return night;
      } catch (error) {
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
    throw new StorageContentionError(`The night ${at.hotelId}/${at.roomTypeId}/${at.date} kept changing while its limit was set.`);
  }

  async setSellLimits(
    changes: readonly { night: InventoryNight; sellLimit: number }[],
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<number> {
    const stamp = now.toISOString();
    let changed = 0;
    const wanted = changes.filter((c) => c.night.sellLimit !== c.sellLimit);
    for (let i = 0; i < wanted.length; i += SELL_LIMIT_BATCH) {
      const batch = wanted.slice(i, i + SELL_LIMIT_BATCH);
      try {
        await transactWrite(this.doc, {
          TransactItems: batch.flatMap(({ night: previous, sellLimit }) => {
            const remaining = sellLimit - (previous.external ?? 0) - previous.reserved;
            const night: InventoryNight = { ...previous, sellLimit, remaining, overbooked: remaining < 0, updatedAt: stamp };
            return [
              {
                Update: {
                  TableName: this.tableName,
                  Key: keys.inventoryNight(previous.hotelId, previous.roomTypeId, previous.date),
                  // Same reserved, limit and remaining means the same other channels' count too.
                  ConditionExpression: 'reserved = :reserved AND sellLimit = :previousLimit AND remaining = :previousRemaining',
                  UpdateExpression: 'SET sellLimit = :limit, remaining = :remaining, overbooked = :overbooked, updatedAt = :now',
                  ExpressionAttributeValues: {
                    ':reserved': previous.reserved,
                    ':previousLimit': previous.sellLimit,
                    ':previousRemaining': previous.remaining,
                    ':limit': sellLimit,
                    ':remaining': remaining,
                    ':overbooked': remaining < 0,
                    ':now': stamp,
                  },
                },
              },
              movementPut(this.tableName, {
                hotelId: previous.hotelId,
                roomTypeId: previous.roomTypeId,
                date: previous.date,
                kind: 'policy',
                reason: change.reason,
                ref: change.ref,
                at: stamp,
                before: countsOf(previous),
                after: countsOf(night),
              }),
            ];
          }),
        });
        changed += batch.length;
      } catch (error) {
        if (!(error instanceof TransactionConditionFailed)) throw error;
        // A sale or a report landed on one of them: each is read again and set on its own.
        for (const { night, sellLimit } of batch) {
          const before = await this.getNights(night.hotelId, night.roomTypeId, night.date, night.date);
          const after = await this.setSellLimit(night, sellLimit, change, now);
          if (after && before[0] && before[0].sellLimit !== after.sellLimit) changed += 1;
        }
      }
    }
    return changed;
  }

  async editNight(
    at: { hotelId: string; roomTypeId: string; date: IsoDate },
    edit: { total?: number; overrides?: OverridesEdit },
    sellLimitFor: (total: number) => number,
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<InventoryNight | undefined> {
    const key = keys.inventoryNight(at.hotelId, at.roomTypeId, at.date);
    const stamp = now.toISOString();
    for (let attempt = 0; attempt < MAX_REPORT_ATTEMPTS; attempt++) {
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      if (!Item) return undefined;
      const previous = stripNight(Item);
      const total = edit.total ?? previous.total;
      const sellLimit = sellLimitFor(total);
      const remaining = sellLimit - (previous.external ?? 0) - previous.reserved;
      const overrides = editedOverrides(previous.overrides, edit.overrides);
      const { overrides: _old, ...rest } = previous;
      const night: InventoryNight = { ...rest, total, sellLimit, remaining, overbooked: remaining < 0, updatedAt: stamp, ...(overrides ? { overrides } : {}) };
      try {
        await transactWrite(this.doc, {
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: key,
                // Same reserved, total, limit and remaining: no sale and no PMS report landed since the read.
                ConditionExpression: 'reserved = :reserved AND #total = :previousTotal AND sellLimit = :previousLimit AND remaining = :previousRemaining',
                UpdateExpression:
                  'SET #total = :total, sellLimit = :limit, remaining = :remaining, overbooked = :overbooked, updatedAt = :now' +
                  (overrides ? ', overrides = :overrides' : ' REMOVE overrides'),
                ExpressionAttributeNames: { '#total': 'total' },
                ExpressionAttributeValues: {
                  ':reserved': previous.reserved,
                  ':previousTotal': previous.total,
                  ':previousLimit': previous.sellLimit,
                  ':previousRemaining': previous.remaining,
                  ':total': total,
                  ':limit': sellLimit,
                  ':remaining': remaining,
                  ':overbooked': remaining < 0,
                  ':now': stamp,
                  ...(overrides ? { ':overrides': overrides } : {}),
                },
              },
            },
            movementPut(this.tableName, {
              hotelId: at.hotelId,
              roomTypeId: at.roomTypeId,
              date: at.date,
              kind: 'admin-edit',
              reason: change.reason,
              ref: change.ref,
              at: stamp,
              before: countsOf(previous),
              after: countsOf(night),
            }),
          ],
        });
        return night;
      } catch (error) {
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
    throw new StorageContentionError(`The night ${at.hotelId}/${at.roomTypeId}/${at.date} kept changing while an admin edited it.`);
  }

  async listMovements(hotelId: string, roomTypeId: string, date: IsoDate, options: { limit?: number } = {}): Promise<InventoryMovement[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.movementPartition(hotelId, roomTypeId, date) },
        ScanIndexForward: false,
        Limit: options.limit ?? 200,
      }),
    );
    return Items.map((item) => {
      const { ttl: _ttl, ...rest } = fromItem<InventoryMovement & { ttl?: number }>(item);
      return rest;
    });
  }

  async applyRate(fact: PmsNightRate, now: Date): Promise<PmsApplyOutcome> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.inventoryNight(fact.hotelId, fact.roomTypeId, fact.date),
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(pmsRateAt) OR pmsRateAt <= :at)',
          UpdateExpression: 'SET priceMinor = :price, currency = :currency, pmsRateAt = :at, updatedAt = :now',
          ExpressionAttributeValues: { ':price': fact.priceMinor, ':currency': fact.currency, ':at': fact.sourceAt, ':now': now.toISOString() },
        }),
      );
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'stale';
      throw error;
    }
  }
}

/** A night as stored: the domain fields plus the source times that order PMS facts. */
type StoredNight = InventoryNight & { pmsTotalAt?: string; pmsRateAt?: string };

const MAX_REPORT_ATTEMPTS = 8;

/** Nights per transaction when limits are set again: each with its movement, 50 of the 100 items a transaction takes. */
const SELL_LIMIT_BATCH = 25;

function stripNight(item: Record<string, unknown>): InventoryNight {
  const { pmsTotalAt: _t, pmsRateAt: _r, ...rest } = fromItem<StoredNight>(item);
  return rest;
}

/** The counters a movement records, from a night (missing counters are 0). */
function countsOf(night: InventoryNight): NightCounts {
  return {
    total: night.total,
    sellLimit: night.sellLimit,
    external: night.external ?? 0,
    reserved: night.reserved,
    inPms: night.inPms ?? 0,
    remaining: night.remaining,
  };
}

function movementOf(report: PmsNightReport, at: string, reason: string): InventoryMovement {
  return {
    hotelId: report.hotelId,
    roomTypeId: report.roomTypeId,
    date: report.date,
    kind: 'pms-sync',
    reason: report.available !== undefined ? `${reason}: total ${report.total}, available ${report.available}` : `${reason}: total ${report.total}`,
    ref: report.ref,
    at,
  };
}
