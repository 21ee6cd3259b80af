import type { Construct } from 'constructs';
import { CHECKOUT_STATE_MACHINE } from '../../shared/saga/state-machines.ts';
import type { SagaTaskDefinition } from '../../shared/saga/saga-tasks.ts';
import type { FunctionDefaults } from './handler-function.ts';
import { SagaStateMachine } from './saga-state-machine.ts';

export { checkSagaDefinition, placeholdersOf, SAGA_FUNCTION_TIMEOUT } from './saga-state-machine.ts';

/**
 * The Fail states the checkout saga reaches by design: `CheckoutFailed` (declined card, sold out,
 * ... and every compensation done) is routine, `CheckoutNeedsAttention` goes through the
 * dead-letter queue and has its own alarm. Any other error ending an execution means the saga broke.
 */
export const EXPECTED_SAGA_FAILURES = CHECKOUT_STATE_MACHINE.expectedFailures;

/** Counted from the state machine's log by a metric filter (no dimensions), in the app's metrics namespace. */
export const SAGA_UNEXPECTED_FAILURE_METRIC = CHECKOUT_STATE_MACHINE.unexpectedFailureMetric;

export interface CheckoutSagaProps extends FunctionDefaults {
  /** @default the checkout saga's task table */
  tasks?: readonly SagaTaskDefinition[];
  /** @default its ASL file, relative to the repository root */
  definitionFile?: string;
}

/** The checkout saga (`statemachines/checkout-saga.asl.json`): a `SagaStateMachine` with the checkout entry of the table. */
export class CheckoutSaga extends SagaStateMachine {
  constructor(scope: Construct, id: string, props: CheckoutSagaProps) {
    super(scope, id, { ...props, machine: CHECKOUT_STATE_MACHINE });
  }
}
