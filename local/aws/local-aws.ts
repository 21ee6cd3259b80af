import { fileURLToPath } from 'node:url';
import { stateMachines, type StateMachineDefinition } from '../../shared/saga/state-machines.ts';
import { closeServer, listen } from '../http/listen.ts';
import { EVENT_SOURCE } from '../../shared/adapters/eventbridge/eventbridge-publisher.ts';
import { createAwsEmulatorServer } from './aws-emulator.server.ts';
import { EventBusEmulator } from './event-bus.emulator.ts';
import { QueueEmulator, type QueueConsumer } from './queue.emulator.ts';
import type { FaultRegistry } from '../faults/fault-registry.ts';
import { SesEmulator, type LocalMail } from './ses.emulator.ts';
import { StepFunctionsEmulator, StepFunctionsService, type TaskInvoker } from './step-functions.emulator.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const LOCAL_EVENT_BUS = 'hotel-booking-local';
export const SAGA_DLQ_NAME = 'checkout-saga-dlq';

/** The local name of a state machine: `checkout-saga`, `cancellation-saga`, `modification-saga`. */
export function localStateMachineName(machine: Pick<StateMachineDefinition, 'id'>): string {
  return `${machine.id}-saga`;
}

export interface LocalAws {
  url: string;
  /** Every state machine of `shared/saga/state-machines.ts`, behind one endpoint. */
  stepFunctions: StepFunctionsService;
  eventBus: EventBusEmulator;
  queues: QueueEmulator;
  /** SES v2: the local mailbox. */
  ses: SesEmulator;
  /** The variables that point the functions' AWS clients at this endpoint. */
  env: Record<string, string>;
  /** Waits until no execution, event delivery or queue delivery is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Step Functions (running every ASL file of `shared/saga/state-machines.ts`), EventBridge, SQS and
 * SES for the local stack and the tests, on one loopback port.
 */
export async function startLocalAws(options: {
  invoke: TaskInvoker;
  port?: number;
  host?: string;
  retryIntervalMs?: number;
  /** Every Wait state's time in milliseconds (tests: the saga's settle delay). */
  waitMs?: number;
  /** Every Task's `TimeoutSeconds` (tests only). */
  taskTimeoutSeconds?: number;
  /** Keeps Step Functions executions across restarts (`--data-dir`). */
  dataDir?: string;
  queueConsumers?: Record<string, { consumer: QueueConsumer; maxReceiveCount?: number; deadLetterQueue?: string; events?: readonly string[] }>;
  /** Called for each mail the SES emulator takes (the stack prints it). */
  onMail?: (mail: LocalMail) => void;
  /** The stack's fault registry: the SES emulator consults `mail.send`. */
  faults?: FaultRegistry;
}): Promise<LocalAws> {
  const host = options.host ?? '127.0.0.1';
  const stepFunctions = new StepFunctionsService(
    await Promise.all(
      stateMachines.map((machine) =>
        StepFunctionsEmulator.load({
          definitionPath: `${REPO_ROOT}${machine.definition}`,
          tasks: machine.tasks,
          invoke: options.invoke,
          name: localStateMachineName(machine),
          ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
          ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
          ...(options.taskTimeoutSeconds !== undefined ? { taskTimeoutSeconds: options.taskTimeoutSeconds } : {}),
          ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        }),
      ),
    ),
  );
  const eventBus = new EventBusEmulator();
  const queues = new QueueEmulator();
  const ses = new SesEmulator(options.onMail, options.faults);
  const server = createAwsEmulatorServer({ stepFunctions, eventBus, queues, ses });
  const { url } = await listen(server, options.port ?? 0, host);
  queues.setBaseUrl(url);
  const dlqUrl = queues.createQueue(SAGA_DLQ_NAME);
  for (const [name, spec] of Object.entries(options.queueConsumers ?? {})) {
    const queueUrl = queues.createQueue(name, spec);
    // The bus rule of a queue that subscribes to events: the whole event is the message body, as on AWS.
    for (const detailType of spec.events ?? []) {
      eventBus.addRule({
        // The source our publisher puts on every event: rules match on it, as on AWS.
        source: EVENT_SOURCE,
        detailType,
        target: async (event) => {
          queues.sendMessage({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ version: '0', account: '000000000000', region: 'local', resources: [], ...event }) });
        },
      });
    }
  }

  return {
    url,
    stepFunctions,
    eventBus,
    queues,
    ses,
    env: {
      ...Object.fromEntries(stateMachines.map((machine) => [machine.arnVariable, stepFunctions.arnOf(localStateMachineName(machine))])),
      SFN_ENDPOINT: url,
      EVENT_BUS_NAME: LOCAL_EVENT_BUS,
      EVENTBRIDGE_ENDPOINT: url,
      SAGA_DLQ_URL: dlqUrl,
      SQS_ENDPOINT: url,
      SES_ENDPOINT: url,
      MAIL_FROM: 'Hotel Booking <no-reply@hotel-booking.local>',
      SES_CONFIGURATION_SET: 'hotel-booking-local',
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
