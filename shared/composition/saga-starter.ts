import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsSagaStarter } from '#adapters/sfn/step-functions-saga-starter.ts';
import { requireSetting } from '#config/config.ts';
import type { SagaStarter } from '#ports/saga-starter.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';

/** Starts the checkout state machine. */
export const sagaStarter = /* @__PURE__ */ provider<SagaStarter>(
  () =>
    new StepFunctionsSagaStarter(
      traced(new SFNClient(awsClientOptions(config().sfnEndpoint))),
      requireSetting(config().stateMachineArn, 'STATE_MACHINE_ARN'),
    ),
);
