import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsSagaExecutions, StepFunctionsSagaStarter } from '#adapters/sfn/step-functions-saga-starter.ts';
import { requireSetting } from '#config/config.ts';
import type { SagaExecutions, SagaStarter } from '#ports/saga-starter.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';

const sfnClient = /* @__PURE__ */ provider(() => traced(new SFNClient(awsClientOptions(config().sfnEndpoint))));

/** Starts the checkout state machine. */
export const sagaStarter = /* @__PURE__ */ provider<SagaStarter>(
  () => new StepFunctionsSagaStarter(sfnClient(), requireSetting(config().stateMachineArn, 'STATE_MACHINE_ARN')),
);

/** Starts the cancellation state machine (guest and hotel cancellations, no-shows, refunds owed). */
export const cancellationSagaStarter = /* @__PURE__ */ provider<SagaStarter>(
  () => new StepFunctionsSagaStarter(sfnClient(), requireSetting(config().cancellationStateMachineArn, 'CANCELLATION_STATE_MACHINE_ARN')),
);

/** Starts the modification state machine. */
export const modificationSagaStarter = /* @__PURE__ */ provider<SagaStarter>(
  () => new StepFunctionsSagaStarter(sfnClient(), requireSetting(config().modificationStateMachineArn, 'MODIFICATION_STATE_MACHINE_ARN')),
);

/** Describes and stops checkout executions (the recovery job). */
export const sagaExecutions = /* @__PURE__ */ provider<SagaExecutions>(
  () => new StepFunctionsSagaExecutions(sfnClient(), requireSetting(config().stateMachineArn, 'STATE_MACHINE_ARN')),
);
