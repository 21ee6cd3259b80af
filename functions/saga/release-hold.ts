import { releaseHoldDeps } from '#composition/saga-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { releaseHold } from '#use-cases/checkout/saga-steps.use-cases.ts';

export const handler = sagaTask(releaseHold, releaseHoldDeps);
