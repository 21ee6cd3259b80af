import { fileURLToPath } from 'node:url';
import { CHECKOUT_SAGA_DEFINITION, sagaTasks } from '../../shared/saga/saga-tasks.ts';
import { closeServer, listen } from '../http/listen.ts';
import { createAwsEmulatorServer } from './aws-emulator.server.ts';
import { EventBusEmulator } from './event-bus.emulator.ts';
import { QueueEmulator, type QueueConsumer } from './queue.emulator.ts';
import { StepFunctionsEmulator, type TaskInvoker } from './step-functions.emulator.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const LOCAL_EVENT_BUS = 'hotel-booking-local';
export const SAGA_DLQ_NAME = 'checkout-saga-dlq';

export interface LocalAws {
  url: string;
  stepFunctions: StepFunctionsEmulator;
  eventBus: EventBusEmulator;
  queues: QueueEmulator;
  /** The variables that point the functions' AWS clients at this endpoint. */
  env: Record<string, string>;
  /** Waits until no execution, event delivery or queue delivery is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Step Functions (running `statemachines/checkout-saga.asl.json`), EventBridge and SQS for the
 * local stack and the tests, on one loopback port.
 */
export async function startLocalAws(options: {
  invoke: TaskInvoker;
  port?: number;
  host?: string;
  retryIntervalMs?: number;
  /** Every Wait state's time in milliseconds (tests: the saga's settle delay). */
  waitMs?: number;
  /** Keeps Step Functions executions across restarts (`--data-dir`). */
  dataDir?: string;
  queueConsumers?: Record<string, { consumer: QueueConsumer; maxReceiveCount?: number; deadLetterQueue?: string }>;
}): Promise<LocalAws> {
  const host = options.host ?? '127.0.0.1';
  const stepFunctions = await StepFunctionsEmulator.load({
    definitionPath: `${REPO_ROOT}${CHECKOUT_SAGA_DEFINITION}`,
    tasks: sagaTasks,
    invoke: options.invoke,
    ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
    ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
  });
  const eventBus = new EventBusEmulator();
  const queues = new QueueEmulator();
  const server = createAwsEmulatorServer({ stepFunctions, eventBus, queues });
  const { url } = await listen(server, options.port ?? 0, host);
  queues.setBaseUrl(url);
  const dlqUrl = queues.createQueue(SAGA_DLQ_NAME);
  for (const [name, spec] of Object.entries(options.queueConsumers ?? {})) queues.createQueue(name, spec);

  return {
    url,
    stepFunctions,
    eventBus,
    queues,
    env: {
      STATE_MACHINE_ARN: stepFunctions.stateMachineArn,
      SFN_ENDPOINT: url,
      EVENT_BUS_NAME: LOCAL_EVENT_BUS,
      EVENTBRIDGE_ENDPOINT: url,
      SAGA_DLQ_URL: dlqUrl,
      SQS_ENDPOINT: url,
    },
    async idle() {
      await stepFunctions.idle();
      await eventBus.idle();
      await queues.idle();
    },
    async stop() {
      await stepFunctions.idle();
      await closeServer(server);
    },
  };
}
