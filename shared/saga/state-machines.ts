import type { Permission } from '#http/route.ts';
import { CANCELLATION_SAGA_DEFINITION, cancellationTasks, MODIFICATION_SAGA_DEFINITION, modificationTasks } from './lifecycle-saga-tasks.ts';
import { CHECKOUT_SAGA_BUDGET_SECONDS, CHECKOUT_SAGA_DEFINITION, sagaTasks, type SagaTaskDefinition } from './saga-tasks.ts';

/**
 * Every state machine of the product: the one table CDK builds them from
 * (`infra/constructs/checkout-saga.ts`, one `SagaStateMachine` each) and the local stack loads into
 * its Step Functions emulator (`local/aws/local-aws.ts`). Adding a saga is adding an entry here,
 * its ASL file and its task table; nothing else in the wiring changes.
 */
export interface StateMachineDefinition {
  /** Stable id: the construct id, the local state machine's name, the key of its starter. */
  id: 'checkout' | 'cancellation' | 'modification';
  /** The ASL file both runtimes load, relative to the repository root. */
  definition: string;
  tasks: readonly SagaTaskDefinition[];
  /** The permission a function declares to start it; it also receives `arnVariable`. */
  startPermission: Extract<Permission, `${string}saga:start`>;
  /** The environment variable that carries its ARN (`shared/config/config.ts` reads it). */
  arnVariable: string;
  /** Fail states reached by design; any other error ending an execution means the saga broke. */
  expectedFailures: readonly string[];
  /** Counted from its log group: executions that failed outside `expectedFailures`. */
  unexpectedFailureMetric: string;
  comment: string;
  /**
   * The whole execution's `TimeoutSeconds`, which the definition must carry: the recovery job
   * counts on no execution outliving it (checkout, issue 12).
   */
  budgetSeconds?: number;
  /** The permission of the recovery job, which describes and stops this machine's executions. */
  recoverPermission?: Extract<Permission, 'saga:recover'>;
}

export const CHECKOUT_STATE_MACHINE: StateMachineDefinition = {
  id: 'checkout',
  definition: CHECKOUT_SAGA_DEFINITION,
  tasks: sagaTasks,
  startPermission: 'saga:start',
  arnVariable: 'STATE_MACHINE_ARN',
  expectedFailures: ['CheckoutFailed', 'CheckoutNeedsAttention'],
  unexpectedFailureMetric: 'CheckoutSagaUnexpectedFailures',
  comment: 'Checkout saga: hold, pre-authorize, confirm in the PMS, capture; compensations in reverse',
  budgetSeconds: CHECKOUT_SAGA_BUDGET_SECONDS,
  recoverPermission: 'saga:recover',
};

export const CANCELLATION_STATE_MACHINE: StateMachineDefinition = {
  id: 'cancellation',
  definition: CANCELLATION_SAGA_DEFINITION,
  tasks: cancellationTasks,
  startPermission: 'cancellation-saga:start',
  arnVariable: 'CANCELLATION_STATE_MACHINE_ARN',
  expectedFailures: ['CancellationFailed', 'CancellationNeedsAttention'],
  unexpectedFailureMetric: 'CancellationSagaUnexpectedFailures',
  comment: 'Cancellation saga: cancel in the PMS, release the nights, refund per the booking terms (also no-shows and refunds owed)',
};

export const MODIFICATION_STATE_MACHINE: StateMachineDefinition = {
  id: 'modification',
  definition: MODIFICATION_SAGA_DEFINITION,
  tasks: modificationTasks,
  startPermission: 'modification-saga:start',
  arnVariable: 'MODIFICATION_STATE_MACHINE_ARN',
  expectedFailures: ['ModificationFailed', 'ModificationNeedsAttention'],
  unexpectedFailureMetric: 'ModificationSagaUnexpectedFailures',
  comment: 'Modification saga: hold the new stay, charge the difference, modify in the PMS, commit; compensations in reverse',
};

export const stateMachines: readonly StateMachineDefinition[] = [CHECKOUT_STATE_MACHINE, CANCELLATION_STATE_MACHINE, MODIFICATION_STATE_MACHINE];

/** Every saga task of every state machine (the bundle-size check, the stack's function count). */
export function allSagaTasks(): SagaTaskDefinition[] {
  return stateMachines.flatMap((m) => m.tasks);
}
