import { authorizePaymentDeps } from '#composition/saga-payment-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { authorizePayment } from '#use-cases/checkout/saga-steps.use-cases.ts';

export const handler = sagaTask(authorizePayment, authorizePaymentDeps);
