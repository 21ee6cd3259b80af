import type { Permission } from '#http/route.ts';

/** The ASL file both runtimes load: CDK with `DefinitionBody.fromFile`, the local stack with aws-local-stepfunctions. */
export const CHECKOUT_SAGA_DEFINITION = 'statemachines/checkout-saga.asl.json';

/**
 * The whole time budget of one checkout execution: the ASL's top-level `TimeoutSeconds` (CDK fails
 * the synth when they differ). Past it Step Functions stops the execution without running any
 * compensation; the recovery job (`RecoverStaleBookings`) settles such bookings from the payment
 * gateway and the PMS themselves. Long enough for every step's retries and the settle waits of a
 * slow, faulty run; a healthy saga takes seconds.
 */
export const CHECKOUT_SAGA_BUDGET_SECONDS = 900;

/**
 * One Lambda per Task state of the checkout saga. The ASL names each function's ARN as
 * `${<state>FunctionArn}`; CDK substitutes the deployed ARNs, the local stack binds the same
 * handler modules to the same states. This table is the only link between the two. A Task state
 * may reuse another's function by naming its placeholder (the second sweep's
 * `RecheckPmsReservations` runs `${CancelPmsReservationFunctionArn}`): both runtimes bind Task
 * states by their `Resource`, not by their name.
 */
export interface SagaTaskDefinition {
  /** Task state name in the ASL file. */
  state: string;
  /** Entry file under `functions/`, without extension. */
  handler: string;
  permissions: readonly Permission[];
}

export const sagaTasks: readonly SagaTaskDefinition[] = [
  { state: 'HoldRooms', handler: 'saga/hold-rooms', permissions: ['table:read', 'table:write', 'pms:credentials'] },
  { state: 'AuthorizePayment', handler: 'saga/authorize-payment', permissions: ['table:read', 'table:write', 'payments:secret'] },
  { state: 'ConfirmReservation', handler: 'saga/confirm-reservation', permissions: ['table:read', 'table:write', 'pms:credentials'] },
  { state: 'CapturePayment', handler: 'saga/capture-payment', permissions: ['table:read', 'table:write', 'payments:secret'] },
  { state: 'FinalizeBooking', handler: 'saga/finalize-booking', permissions: ['table:read', 'table:write', 'events:publish'] },
  { state: 'CancelPmsReservation', handler: 'saga/cancel-pms-reservation', permissions: ['table:read', 'table:write', 'pms:credentials'] },
  { state: 'VoidPayment', handler: 'saga/void-payment', permissions: ['table:read', 'table:write', 'payments:secret'] },
  { state: 'ReleaseHold', handler: 'saga/release-hold', permissions: ['table:read', 'table:write', 'pms:credentials'] },
  { state: 'MarkFailed', handler: 'saga/mark-failed', permissions: ['table:read', 'table:write'] },
  { state: 'Escalate', handler: 'saga/escalate', permissions: ['table:read', 'table:write', 'dlq:send'] },
];

export function substitutionKey(task: Pick<SagaTaskDefinition, 'state'>): string {
  return `${task.state}FunctionArn`;
}

/** The task whose function a Task state's `Resource` names (`${<State>FunctionArn}`), if any. */
export function taskOfResource(resource: string | undefined, tasks: readonly SagaTaskDefinition[] = sagaTasks): SagaTaskDefinition | undefined {
  return tasks.find((task) => resource === `\${${substitutionKey(task)}}`);
}
