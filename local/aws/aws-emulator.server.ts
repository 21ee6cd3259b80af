import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsApiError, type StepFunctionsEmulator } from './step-functions.emulator.ts';
import type { EventBusEmulator } from './event-bus.emulator.ts';
import type { QueueEmulator } from './queue.emulator.ts';
import { sendJson } from '../http/json-response.ts';
import { readText } from '../http/request-body.ts';

/**
 * One loopback endpoint that speaks the AWS JSON protocol (`X-Amz-Target` + JSON body) for the
 * calls our adapters make to Step Functions, EventBridge and SQS. Pointing the real AWS SDK
 * clients at it (`SFN_ENDPOINT`, `EVENTBRIDGE_ENDPOINT`, `SQS_ENDPOINT`) keeps every adapter and
 * handler byte-for-byte the code that runs on AWS.
 */
export interface AwsEmulatorTargets {
  stepFunctions: StepFunctionsEmulator;
  eventBus: EventBusEmulator;
  queues: QueueEmulator;
}


function dispatch(targets: AwsEmulatorTargets, target: string, body: Record<string, unknown>): unknown {
  switch (target) {
    case 'AWSStepFunctions.StartExecution':
      return targets.stepFunctions.startExecution(body);
    case 'AWSStepFunctions.DescribeExecution':
      return targets.stepFunctions.describeExecution(body);
    case 'AWSStepFunctions.StopExecution':
      return targets.stepFunctions.stopExecution(body);
    case 'AWSEvents.PutEvents':
      return targets.eventBus.putEvents(body);
    case 'AmazonSQS.SendMessage':
      return targets.queues.sendMessage(body);
    default:
      throw new AwsApiError('UnknownOperationException', `The local AWS emulator does not implement ${target}`);
  }
}

export function createAwsEmulatorServer(targets: AwsEmulatorTargets): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const contentType = target.startsWith('AWSEvents.') ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
    try {
      const text = await readText(req);
      const result = dispatch(targets, target, text ? (JSON.parse(text) as Record<string, unknown>) : {});
      sendJson(res, 200, result, { 'content-type': contentType });
    } catch (error) {
      const e = error as Error & { statusCode?: number; type?: string };
      const type = e instanceof AwsApiError ? e.type : e.name || 'InternalFailure';
      sendJson(res, e instanceof AwsApiError ? e.statusCode : 400, { __type: type, message: e.message }, { 'content-type': contentType, 'x-amzn-errortype': type });
    }
  });
}
