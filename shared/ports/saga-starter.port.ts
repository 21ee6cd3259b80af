/** Starts the checkout saga (Step Functions on AWS, the local interpreter on a laptop). */
export interface SagaStarter {
  /**
   * Starts an execution called `name`. Starting a name that already exists is not an error: the
   * saga for that idempotency key is already running or done, which is what a retry wants.
   */
  start(name: string, input: Record<string, unknown>): Promise<void>;
}
