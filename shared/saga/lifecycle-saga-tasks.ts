import type { SagaTaskDefinition } from './saga-tasks.ts';

/**
 * The booking lifecycle's sagas (issue 8), wired exactly like the checkout saga
 * (`saga-tasks.ts`): one Lambda per Task state, the ASL naming each as `${<State>FunctionArn}`,
 * CDK and the local interpreter binding the same handler modules to the same states.
 */

/** Cancel in the PMS, give the nights back, refund per the booking's terms; also no-shows and refunds owed. */
export const CANCELLATION_SAGA_DEFINITION = 'statemachines/cancellation-saga.asl.json';

export const cancellationTasks: readonly SagaTaskDefinition[] = [
  { state: 'CancelInPms', handler: 'lifecycle/cancel-in-pms', permissions: ['table:read', 'table:write', 'pms:credentials'] },
  { state: 'VerifyPmsCancellation', handler: 'lifecycle/verify-pms-cancellation', permissions: ['table:read', 'table:write', 'pms:credentials'] },
  { state: 'AbandonCancellation', handler: 'lifecycle/abandon-change', permissions: ['table:read', 'table:write'] },
  { state: 'ReleaseStay', handler: 'lifecycle/release-stay', permissions: ['table:read', 'table:write', 'events:publish'] },
  { state: 'SettleCancellation', handler: 'lifecycle/settle-cancellation', permissions: ['table:read', 'table:write', 'payments:secret', 'events:publish'] },
  { state: 'EscalateCancellation', handler: 'lifecycle/escalate-change', permissions: ['table:read', 'table:write', 'dlq:send'] },
];

/** Hold the new stay, charge or refund the difference, modify in the PMS, commit; compensations in reverse. */
export const MODIFICATION_SAGA_DEFINITION = 'statemachines/modification-saga.asl.json';

export const modificationTasks: readonly SagaTaskDefinition[] = [
  { state: 'HoldNewStay', handler: 'lifecycle/hold-new-stay', permissions: ['table:read', 'table:write'] },
  { state: 'AuthorizeDifference', handler: 'lifecycle/authorize-difference', permissions: ['table:read', 'table:write', 'payments:secret'] },
  { state: 'ModifyPmsReservation', handler: 'lifecycle/modify-pms-reservation', permissions: ['table:read', 'table:write', 'pms:credentials', 'events:publish'] },
  { state: 'CaptureDifference', handler: 'lifecycle/capture-difference', permissions: ['table:read', 'table:write', 'payments:secret'] },
  { state: 'RefundDifference', handler: 'lifecycle/refund-difference', permissions: ['table:read', 'table:write', 'payments:secret'] },
  { state: 'CommitModification', handler: 'lifecycle/commit-modification', permissions: ['table:read', 'table:write', 'events:publish'] },
  { state: 'RevertPmsReservation', handler: 'lifecycle/revert-pms-reservation', permissions: ['table:read', 'table:write', 'pms:credentials'] },
  { state: 'VoidDifference', handler: 'lifecycle/void-difference', permissions: ['table:read', 'table:write', 'payments:secret'] },
  { state: 'ReleaseNewStay', handler: 'lifecycle/release-new-stay', permissions: ['table:read', 'table:write'] },
  { state: 'MarkModificationFailed', handler: 'lifecycle/abandon-change', permissions: ['table:read', 'table:write'] },
  { state: 'EscalateModification', handler: 'lifecycle/escalate-change', permissions: ['table:read', 'table:write', 'dlq:send'] },
];
