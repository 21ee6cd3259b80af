/** Where the saga's state goes when a compensation could not finish: a person must look at it. */
export interface DeadLetter {
  bookingId: string;
  reason: string;
  state: Record<string, unknown>;
  at: string;
}

export interface DeadLetterQueue {
  send(letter: DeadLetter): Promise<void>;
}
