import type { DeadLetter, DeadLetterQueue } from '../../../shared/ports/dead-letter.port.ts';
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
