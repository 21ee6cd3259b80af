import { paymentStepDeps } from '#composition/saga-payment-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { capturePayment } from '#use-cases/checkout/saga-steps.use-cases.ts';

export const handler = sagaTask(capturePayment, paymentStepDeps);
