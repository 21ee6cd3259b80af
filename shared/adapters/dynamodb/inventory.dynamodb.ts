import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StorageContentionError } from '#domain/booking-errors.ts';
import type { IsoDate } from '#domain/dates.ts';
import { countsAfterReport, editedOverrides, newNight, type InventoryMovement, type InventoryNight, type NightCounts, type OverridesEdit } from '#domain/inventory.ts';
import { planAdminEdit, type PlannedEdit } from '#domain/calendar.ts';
import type {
  CalendarEdit,
  CalendarOutcome,
  InventoryCalendar,
  InventoryLedger,
  InventoryLimits,
  InventoryReader,
  InventoryWriter,
  PmsApplyOutcome,
  PmsInventorySync,
  PmsNightRate,
  PmsNightReport,
} from '#ports/inventory.repository.ts';
import type { HotelSearchFacts } from '#domain/search.ts';
import {
  hasSummary,
  loadSearchFacts,
  summaryChanged,
  summaryItem,
  summaryNightUpdate,
  summaryPriceUpdate,
  SummaryUpdate,
  summaryRoomOf,
} from './availability-summary.ts';
import { forEachLimited, fromItem, queryAll } from './items.ts';
import { keys } from './keys.ts';
import { movementPut } from './movements.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** TransactWriteItems' maximum: a batch's nights plus its summary nights (one per hotel and date). */
const MAX_TRANSACTION_ACTIONS = 100;
/** BatchWriteItem's maximum. */
const SEED_BATCH_SIZE = 25;
const SEED_BATCHES_IN_FLIGHT = 2;
const SEED_MAX_ATTEMPTS = 8;

/**
 * Inventory nights: partition `INV#<hotel>#<roomType>`, sort key `DATE#<yyyy-mm-dd>`, so any stay
 * or calendar range is one `Query` with `BETWEEN`, and each night is its own item that a
 * conditional write or transaction can guard.
 *
 * Every write of a night's `remaining`, price or restrictions carries, in the same transaction, the
 * availability summary's mirror of it (`availability-summary.ts`, docs/search.md). A write that
 * creates a night also stamps the hotel's search facts on its summary night, read from the catalog
 * (creation is rare: an import, a new date at the end of the horizon, an admin's calendar).
 */
export class DynamoDbInventory implements InventoryReader, InventoryWriter, PmsInventorySync, InventoryLimits, InventoryLedger, InventoryCalendar {
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
   * Creates nights in batches: one `TransactWriteItems` of conditional puts
   * (`attribute_not_exists(pk)`) and their summary nights per batch (at most 100 actions). A batch
   * some of whose nights exist already is cancelled as a whole; those nights are dropped from it
   * (left exactly as they are, `reserved` included, and so are their summaries) and the rest is
   * written again. So the outcome is the one of a conditional put per night, in a fiftieth of the
   * requests. Batches go one at a time: DynamoDB Local serializes transactions on a partition with
   * locks, and several at once only wait on each other.
   */
  async createNights(nights: InventoryNight[]): Promise<void> {
    const unique = [...new Map(nights.map((n) => [`${n.hotelId}|${n.roomTypeId}|${n.date}`, n])).values()];
    const facts = await this.factsOf(unique);
    for (const batch of batchesWithSummaries(unique)) await this.createBatch(batch, facts);
  }

  /** The search facts of each hotel among `nights` (undefined for one not stored yet). */
  private async factsOf(nights: readonly InventoryNight[]): Promise<Map<string, HotelSearchFacts | undefined>> {
    const hotelIds = [...new Set(nights.map((n) => n.hotelId))];
    const facts = await Promise.all(hotelIds.map((id) => loadSearchFacts(this.doc, this.tableName, id)));
    return new Map(hotelIds.map((id, i) => [id, facts[i]]));
  }

  /**
   * `BatchWriteItem` of 25 plain puts, a few requests at once, retrying what DynamoDB leaves
   * unprocessed with backoff: half the write units of a transaction and no conditions, which is
   * why it is only for nights nobody can reach (see the port). Their summary nights are whole
   * puts too when the hotel has no summary yet (a first import, the bulk seed), and an update per
   * date otherwise (a re-import adding a room type: other room types share the dates).
   */
  async seedUnreachableNights(nights: InventoryNight[]): Promise<void> {
    const unique = [...new Map(nights.map((n) => [`${n.hotelId}|${n.roomTypeId}|${n.date}`, n])).values()];
    await this.batchPut(unique.map((night) => ({ ...keys.inventoryNight(night.hotelId, night.roomTypeId, night.date), entity: 'InventoryNight', ...night })));
    for (const [hotelId, ofHotel] of groupBy(unique, (n) => n.hotelId)) {
      const [facts, existing] = await Promise.all([loadSearchFacts(this.doc, this.tableName, hotelId), hasSummary(this.doc, this.tableName, hotelId)]);
      const byDate = groupBy(ofHotel, (n) => n.date);
      if (!existing) {
        await this.batchPut([...byDate].map(([date, ofDate]) => summaryItem(hotelId, date, ofDate, facts)));
      } else {
        await forEachLimited([...byDate], SEED_BATCHES_IN_FLIGHT * 4, async ([date, ofDate]) => {
          const update = new SummaryUpdate();
          for (const night of ofDate) update.room(night.roomTypeId, summaryRoomOf(night));
          await this.doc.send(new UpdateCommand(update.facts(hotelId, date, facts).action(this.tableName, hotelId, date).Update));
        });
      }
    }
  }

  /** Plain `BatchWriteItem` puts, 25 at a time, a few in flight, unprocessed ones retried with backoff. */
  private async batchPut(items: Record<string, unknown>[]): Promise<void> {
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += SEED_BATCH_SIZE) batches.push(items.slice(i, i + SEED_BATCH_SIZE));
    await forEachLimited(batches, SEED_BATCHES_IN_FLIGHT, async (batch) => {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= SEED_MAX_ATTEMPTS) throw new Error(`DynamoDB left ${requests.length} items unwritten after ${SEED_MAX_ATTEMPTS} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
        const { UnprocessedItems } = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    });
  }

  private async createBatch(batch: InventoryNight[], facts: ReadonlyMap<string, HotelSearchFacts | undefined>): Promise<void> {
    let pending = batch;
    while (pending.length > 0) {
      try {
        const summaries = [...groupBy(pending, (n) => `${n.hotelId}|${n.date}`).values()].map((ofDate) => {
          const { hotelId, date } = ofDate[0]!;
          const update = new SummaryUpdate();
          for (const night of ofDate) update.room(night.roomTypeId, summaryRoomOf(night));
          return update.facts(hotelId, date, facts.get(hotelId)).action(this.tableName, hotelId, date);
        });
        await transactWrite(this.doc, {
          TransactItems: [
            ...pending.map((night) => ({
              Put: {
                TableName: this.tableName,
                Item: { ...keys.inventoryNight(night.hotelId, night.roomTypeId, night.date), entity: 'InventoryNight', ...night },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
            ...summaries,
          ],
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
        const facts = await loadSearchFacts(this.doc, this.tableName, report.hotelId);
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
              summaryNightUpdate(this.tableName, night, facts),
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
          TransactItems: [
            update,
            ...(countsChanged ? [movementPut(this.tableName, { ...movementOf(report, stamp, 'PMS report'), before, after })] : []),
            ...(summaryChanged(previous, night) ? [summaryNightUpdate(this.tableName, night)] : []),
          ],
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
      const { night, actions } = this.sellLimitWrite(previous, sellLimit, change, stamp);
      try {
        await transactWrite(this.doc, { TransactItems: actions });
        return night;
      } catch (error) {
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
    throw new StorageContentionError(`The night ${at.hotelId}/${at.roomTypeId}/${at.date} kept changing while its limit was set.`);
  }

  /**
   * One `Query` over the edited dates, then transactions of whole nights (up to 33 a transaction:
   * the night, its `admin-edit` movement when its counts change, its summary night), each night's
   * write conditioned on the counters it was computed from. A transaction whose condition fails (a
   * hold or a PMS report landed in between) is read and computed again; nights that come out
   * unchanged are not written at all.
   */
  async applyCalendar(edit: CalendarEdit, now: Date): Promise<CalendarOutcome> {
    const stamp = now.toISOString();
    const outcome: CalendarOutcome = { created: 0, changed: 0, unchanged: 0 };
    if (edit.edits.length === 0) return outcome;
    const dates = edit.edits.map((e) => e.date);
    const stored = new Map((await this.getNights(edit.hotelId, edit.roomTypeId, dates[0]!, dates.at(-1)!)).map((n) => [n.date, n]));
    const facts = edit.edits.some((e) => !stored.has(e.date)) ? await loadSearchFacts(this.doc, this.tableName, edit.hotelId) : undefined;
    for (const chunk of chunksOf(edit.edits, CALENDAR_NIGHTS_PER_TRANSACTION)) {
      let planned = chunk.map((e) => planAdminEdit(edit, e, stored.get(e.date), stamp));
      for (let attempt = 0; ; attempt++) {
        const writes = planned.filter((p) => p.kind !== 'unchanged');
        try {
          if (writes.length > 0) await transactWrite(this.doc, { TransactItems: writes.flatMap((p) => this.calendarActions(edit, p, stamp, facts)) });
          break;
        } catch (error) {
          if (!(error instanceof TransactionConditionFailed) || attempt + 1 >= MAX_REPORT_ATTEMPTS) {
            if (error instanceof TransactionConditionFailed) {
              throw new StorageContentionError(`Nights of ${edit.hotelId}/${edit.roomTypeId} kept changing while the calendar was applied.`);
            }
            throw error;
          }
          const fresh = new Map(
            (await this.getNights(edit.hotelId, edit.roomTypeId, chunk[0]!.date, chunk.at(-1)!.date)).map((n) => [n.date, n]),
          );
          planned = chunk.map((e) => planAdminEdit(edit, e, fresh.get(e.date), stamp));
        }
      }
      for (const p of planned) outcome[p.kind] += 1;
    }
    return outcome;
  }

  private calendarActions(edit: CalendarEdit, plan: PlannedEdit, stamp: string, facts: HotelSearchFacts | undefined) {
    const at = { hotelId: edit.hotelId, roomTypeId: edit.roomTypeId, date: plan.night.date };
    const movement = (reason: string, counts: Pick<InventoryMovement, 'before' | 'after'>) =>
      movementPut(this.tableName, { ...at, kind: 'admin-edit', reason, ref: edit.ref, at: stamp, ...counts });
    if (plan.kind === 'created') {
      return [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.inventoryNight(at.hotelId, at.roomTypeId, at.date), entity: 'InventoryNight', ...plan.night },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        movement(`night created by an admin: total ${plan.night.total}`, { after: countsOf(plan.night) }),
        summaryNightUpdate(this.tableName, plan.night, facts),
      ];
    }
    const previous = plan.previous!;
    const night = plan.night;
    const update = {
      Update: {
        TableName: this.tableName,
        Key: keys.inventoryNight(at.hotelId, at.roomTypeId, at.date),
        ConditionExpression: [
          'reserved = :reserved',
          '#total = :previousTotal',
          'sellLimit = :previousLimit',
          previous.external === undefined ? 'attribute_not_exists(#external)' : '#external = :external',
        ].join(' AND '),
        UpdateExpression:
          'SET #total = :total, sellLimit = :limit, remaining = :remaining, overbooked = :overbooked, priceMinor = :price, updatedAt = :now' +
          (night.overrides ? ', overrides = :overrides' : ' REMOVE overrides'),
        ExpressionAttributeNames: { '#total': 'total', '#external': 'external' },
        ExpressionAttributeValues: {
          ':reserved': previous.reserved,
          ':previousTotal': previous.total,
          ':previousLimit': previous.sellLimit,
          ...(previous.external === undefined ? {} : { ':external': previous.external }),
          ':total': night.total,
          ':limit': night.sellLimit,
          ':remaining': night.remaining,
          ':overbooked': night.overbooked,
          ':price': night.priceMinor,
          ':now': stamp,
          ...(night.overrides ? { ':overrides': night.overrides } : {}),
        },
      },
    };
    const before = countsOf(previous);
    const after = countsOf(night);
    const countsChanged = (Object.keys(after) as (keyof NightCounts)[]).some((k) => before[k] !== after[k]);
    return [
      update,
      ...(countsChanged ? [movement(`admin calendar: total ${previous.total} -> ${night.total}`, { before, after })] : []),
      ...(summaryChanged(previous, night) ? [summaryNightUpdate(this.tableName, night)] : []),
    ];
  }

  /**
   * A night's new sell limit as the writes that make it: the night, conditioned on the counters it
   * was computed from (same reserved, limit and remaining means the same other channels' count too:
   * a PMS report landing between the read and this write makes it read again), its `policy`
   * movement, and its summary night when what search sees changed.
   */
  private sellLimitWrite(previous: InventoryNight, sellLimit: number, change: { reason: string; ref: InventoryMovement['ref'] }, stamp: string) {
    const remaining = sellLimit - (previous.external ?? 0) - previous.reserved;
    const night: InventoryNight = { ...previous, sellLimit, remaining, overbooked: remaining < 0, updatedAt: stamp };
    const actions = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.inventoryNight(previous.hotelId, previous.roomTypeId, previous.date),
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
      ...(summaryChanged(previous, night) ? [summaryNightUpdate(this.tableName, night)] : []),
    ];
    return { night, actions };
  }

  async setSellLimits(
    changes: readonly { night: InventoryNight; sellLimit: number }[],
    change: { reason: string; ref: InventoryMovement['ref'] },
    now: Date,
  ): Promise<number> {
    const stamp = now.toISOString();
    let changed = 0;
    for (const batch of sellLimitBatches(changes.filter((c) => c.night.sellLimit !== c.sellLimit))) {
      try {
        await transactWrite(this.doc, {
          TransactItems: batch.flatMap(({ night: previous, sellLimit }) => this.sellLimitWrite(previous, sellLimit, change, stamp).actions),
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
      await transactWrite(this.doc, {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.inventoryNight(fact.hotelId, fact.roomTypeId, fact.date),
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(pmsRateAt) OR pmsRateAt <= :at)',
              UpdateExpression: 'SET priceMinor = :price, currency = :currency, pmsRateAt = :at, updatedAt = :now',
              ExpressionAttributeValues: { ':price': fact.priceMinor, ':currency': fact.currency, ':at': fact.sourceAt, ':now': now.toISOString() },
            },
          },
          summaryPriceUpdate(this.tableName, fact, fact.priceMinor),
        ],
      });
      return 'applied';
    } catch (error) {
      if (error instanceof TransactionConditionFailed) return 'stale';
      throw error;
    }
  }
}

/** A night, an `admin-edit` movement and a summary night per edited night: 3 x 33 = 99 actions. */
const CALENDAR_NIGHTS_PER_TRANSACTION = 33;

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Splits nights into transactions of at most 100 actions: each night's put, plus one summary
 * update per hotel and date among them.
 */
export function batchesWithSummaries(nights: readonly InventoryNight[], maxActions = MAX_TRANSACTION_ACTIONS): InventoryNight[][] {
  const batches: InventoryNight[][] = [];
  let batch: InventoryNight[] = [];
  let dates = new Set<string>();
  for (const night of nights) {
    const date = `${night.hotelId}|${night.date}`;
    const actions = batch.length + 1 + dates.size + (dates.has(date) ? 0 : 1);
    if (actions > maxActions) {
      batches.push(batch);
      batch = [];
      dates = new Set();
    }
    batch.push(night);
    dates.add(date);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** A night as stored: the domain fields plus the source times that order PMS facts. */
type StoredNight = InventoryNight & { pmsTotalAt?: string; pmsRateAt?: string };

const MAX_REPORT_ATTEMPTS = 8;

/** Nights per transaction when limits are set again: each with its movement and summary night, at most 75 of the 100 items a transaction takes. */
const SELL_LIMIT_BATCH = 25;

/**
 * `changes` in transactions of at most `SELL_LIMIT_BATCH` nights, none holding two room types of one
 * hotel on one date: they share that date's summary item, and a transaction may touch an item once.
 */
function sellLimitBatches<T extends { night: InventoryNight }>(changes: readonly T[]): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let dates = new Set<string>();
  for (const change of changes) {
    const summaryItem = `${change.night.hotelId}#${change.night.date}`;
    if (batch.length >= SELL_LIMIT_BATCH || dates.has(summaryItem)) {
      batches.push(batch);
      batch = [];
      dates = new Set();
    }
    batch.push(change);
    dates.add(summaryItem);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

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
