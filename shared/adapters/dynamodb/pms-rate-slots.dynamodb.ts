import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateSlotStore, SlotClaim, SlotResult } from '#adapters/pms/rate-limiter.ts';
import { pmsEgressKeys } from './keys.ts';

interface Granted {
  startAt: number;
  nextAt: number;
  notBefore: number;
}

/**
 * The PMS request slots of every function, one item per rate-limit key
 * (`PMSRATE#<key>` / `SLOTS`: `nextAt` in epoch milliseconds, `ttl`). `rate-limiter.ts` explains
 * the scheme; this is its one atomic step, `nextAt = max(nextAt, now) + interval`, which DynamoDB
 * cannot write as one expression (it has no `max`), so it is one of two conditional updates:
 *
 * - queue: `SET nextAt = nextAt + :interval IF nextAt > :now AND nextAt <= :latest` (the key is
 *   busy: take the slot after the last one; this always succeeds for every contender, in order);
 * - idle: `SET nextAt = :now + :interval IF attribute_not_exists(nextAt) OR nextAt <= :now`,
 *   returning the old `nextAt` (the end of the slot before, `notBefore`).
 *
 * The store remembers the last `nextAt` it saw per key to try the likelier one first, and a failed
 * condition returns the item (`ReturnValuesOnConditionCheckFailure`), which says whether to try the
 * other branch or that the queue is longer than the caller's budget. So a call costs one write,
 * two when it guessed wrong, and more only when the key flips between busy and idle under it.
 */
export class DynamoDbRateSlotStore implements RateSlotStore {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(key: string, claim: SlotClaim): Promise<SlotResult> {
    const seen = this.lastSeen.get(key);
    let busy = seen !== undefined && seen > claim.now;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const outcome = busy ? await this.queue(key, claim) : await this.idle(key, claim);
      if ('startAt' in outcome) {
        this.lastSeen.set(key, outcome.nextAt);
        return { granted: true, ...outcome };
      }
      const current = outcome.current;
      if (current !== undefined) this.lastSeen.set(key, current);
      if (current !== undefined && current > claim.latestStart) return { granted: false, nextAt: current };
      busy = current !== undefined && current > claim.now;
    }
    // The key flipped between busy and idle four times under us: treat it as a full queue.
    return { granted: false, nextAt: claim.latestStart + claim.intervalMs };
  }

  async slide(key: string, move: { expectedNextAt: number; startAt: number; intervalMs: number; expiresAt: number }): Promise<boolean> {
    const nextAt = move.startAt + move.intervalMs;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pmsEgressKeys.rateSlots(key),
          UpdateExpression: 'SET nextAt = :next, #ttl = :ttl',
          ConditionExpression: 'nextAt = :expected',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':next': nextAt, ':expected': move.expectedNextAt, ':ttl': move.expiresAt },
        }),
      );
      this.lastSeen.set(key, nextAt);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The key is busy: the slot after the last one, if it starts within the caller's budget. */
  private async queue(key: string, claim: SlotClaim): Promise<Granted | { current: number | undefined }> {
    const result = await this.update(key, 'UPDATED_NEW', {
      UpdateExpression: 'SET nextAt = nextAt + :interval, #ttl = :ttl, intervalMs = :interval',
      ConditionExpression: 'nextAt > :now AND nextAt <= :latest',
      ExpressionAttributeValues: { ':interval': claim.intervalMs, ':now': claim.now, ':latest': claim.latestStart, ':ttl': claim.expiresAt },
    });
    if ('current' in result) return result;
    const nextAt = Number(result.attributes?.nextAt);
    return { startAt: nextAt - claim.intervalMs, nextAt, notBefore: nextAt - claim.intervalMs };
  }

  /** The key is idle: the slot starting at the claim's `now`, right after whatever slot ended before it. */
  private async idle(key: string, claim: SlotClaim): Promise<Granted | { current: number | undefined }> {
    const result = await this.update(key, 'ALL_OLD', {
      UpdateExpression: 'SET nextAt = :next, #ttl = :ttl, intervalMs = :interval, entity = :entity',
      ConditionExpression: 'attribute_not_exists(nextAt) OR nextAt <= :now',
      ExpressionAttributeValues: { ':next': claim.now + claim.intervalMs, ':interval': claim.intervalMs, ':now': claim.now, ':ttl': claim.expiresAt, ':entity': 'PmsRateSlots' },
    });
    if ('current' in result) return result;
    const previous = result.attributes?.nextAt;
    return { startAt: claim.now, nextAt: claim.now + claim.intervalMs, notBefore: previous === undefined ? 0 : Number(previous) };
  }

  private async update(
    key: string,
    returnValues: 'UPDATED_NEW' | 'ALL_OLD',
    expression: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<{ attributes: Record<string, unknown> | undefined } | { current: number | undefined }> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pmsEgressKeys.rateSlots(key),
          ...expression,
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ReturnValues: returnValues,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { attributes: Attributes };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The document client does not unmarshall this one: the item comes in DynamoDB JSON.
      const raw = error.Item?.nextAt?.N;
      return { current: raw === undefined ? undefined : Number(raw) };
    }
  }
}
