/** Starts the checkout saga (Step Functions on AWS, the local interpreter on a laptop). */
export interface SagaStarter {
  /**
   * Starts an execution called `name`. Starting a name that already exists is not an error: the
   * saga for that idempotency key is already running or done, which is what a retry wants, and the
   * answer says which happened (`exists`: the booking's own status is then its outcome, or the
   * recovery job's once the saga died).
   */
  start(name: string, input: Record<string, unknown>): Promise<'started' | 'exists'>;
}

/** Where an execution stands; `NOT_FOUND` when no execution has the name (never started, or expired). */
export type SagaExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NOT_FOUND';

/** What the recovery job asks of the checkout state machine about one booking's execution. */
export interface SagaExecutions {
  describe(name: string): Promise<{ status: SagaExecutionStatus; startedAt?: Date }>;
  /** Stops a running execution (its Task in flight still finishes); stopping a stopped one is a no-op. */
  stop(name: string, cause: string): Promise<void>;
}
