import type { DeadLetterStatus, RecordedDeadLetter } from '../../../shared/domain/dead-letter.ts';
import type { DeadLetter, DeadLetterQueue, DeadLetterResolution, DeadLetterStore } from '../../../shared/ports/dead-letter.port.ts';
import type { KeysetPage, PagePosition } from '../../../shared/ports/pagination.ts';
import { Failures } from './failures.ts';

/** Records dead letters in order; an armed failure refuses one (the SQS send failed). */
export class FakeDeadLetterQueue implements DeadLetterQueue {
  readonly letters: DeadLetter[] = [];
  readonly failures = new Failures<'send'>();

  async send(letter: DeadLetter): Promise<void> {
    await this.failures.run('send', () => {
      this.letters.push(structuredClone(letter));
    });
  }
}

/**
 * The recorded dead letters in memory, with the table adapter's rules: the first record of a
 * letter id stands, lists are newest first by (at, booking, letter), resolving changes only open
 * letters. An armed failure refuses a call (the table was unreachable).
 */
export class FakeDeadLetterStore implements DeadLetterStore {
  private readonly letters = new Map<string, RecordedDeadLetter>();
  readonly failures = new Failures<'record' | 'list' | 'resolveForBooking' | 'get' | 'resolve'>();

  /** Every letter, newest first, as stored. */
  all(): RecordedDeadLetter[] {
    return [...this.letters.values()].sort((a, b) => sortKey(b).localeCompare(sortKey(a))).map((l) => structuredClone(l));
  }

  async record(letter: RecordedDeadLetter): Promise<void> {
    await this.failures.run('record', () => {
      const id = `${letter.bookingId}#${letter.letterId}`;
      if (!this.letters.has(id)) this.letters.set(id, structuredClone(letter));
    });
  }

  async list(query: { status: DeadLetterStatus; limit: number; after?: PagePosition }): Promise<KeysetPage<RecordedDeadLetter>> {
    return this.failures.run('list', () => {
      const after = query.after?.key;
      const matching = this.all().filter((l) => l.status === query.status && (typeof after !== 'string' || sortKey(l) < after));
      const items = matching.slice(0, query.limit);
      const last = items.at(-1);
      return { items, ...(matching.length > query.limit && last ? { next: { key: sortKey(last) } } : {}) };
    });
  }

  async get(bookingId: string, letterId: string): Promise<RecordedDeadLetter | undefined> {
    return this.failures.run('get', () => {
      const letter = this.letters.get(`${bookingId}#${letterId}`);
      return letter ? structuredClone(letter) : undefined;
    });
  }

  async resolve(target: Pick<RecordedDeadLetter, 'bookingId' | 'letterId' | 'at'>, resolution: DeadLetterResolution): Promise<boolean> {
    return this.failures.run('resolve', () => {
      const letter = this.letters.get(`${target.bookingId}#${target.letterId}`);
      if (letter?.status !== 'open') return false;
      letter.status = 'resolved';
      letter.resolution = { ...resolution };
      return true;
    });
  }

  async resolveForBooking(bookingId: string, resolution: DeadLetterResolution): Promise<number> {
    return this.failures.run('resolveForBooking', () => {
      let changed = 0;
      for (const letter of this.letters.values()) {
        if (letter.bookingId !== bookingId || letter.status !== 'open') continue;
        letter.status = 'resolved';
        letter.resolution = { ...resolution };
        changed++;
      }
      return changed;
    });
  }
}

function sortKey(letter: RecordedDeadLetter): string {
  return `${letter.at}#${letter.bookingId}#${letter.letterId}`;
}
