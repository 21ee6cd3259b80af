import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsApiError, type StepFunctionsService } from './step-functions.emulator.ts';
import type { EventBusEmulator } from './event-bus.emulator.ts';
import type { QueueEmulator } from './queue.emulator.ts';
import { SesApiError, type SesEmulator } from './ses.emulator.ts';
import { sendJson } from '../http/json-response.ts';
import { readText } from '../http/request-body.ts';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One loopback endpoint that speaks the AWS JSON protocol (`X-Amz-Target` + JSON body) for the
 * calls our adapters make to Step Functions, EventBridge and SQS, and SES v2's REST protocol for
 * `SendEmail`. Pointing the real AWS SDK clients at it (`SFN_ENDPOINT`, `EVENTBRIDGE_ENDPOINT`,
 * `SQS_ENDPOINT`, `SES_ENDPOINT`) keeps every adapter and handler byte-for-byte the code that runs on AWS.
 */
export interface AwsEmulatorTargets {
  stepFunctions: StepFunctionsService;
  eventBus: EventBusEmulator;
  queues: QueueEmulator;
  ses?: SesEmulator;
}

/** SES v2 speaks REST-JSON: the operation is the method and path, errors name their type in a header. */
async function handleSes(ses: SesEmulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const text = await readText(req);
    // Fault point mail.send: like the simulators, one armed time per request that reaches it.
    const fault = ses.takeFault();
    if (fault?.mode === 'error') throw new SesApiError('TooManyRequestsException', 'Maximum sending rate exceeded.', 429);
    if (fault?.mode === 'timeout') {
      await sleep(fault.delayMs);
      req.socket.destroy();
      return;
    }
    if (fault?.mode === 'latency') await sleep(fault.delayMs);
    const sent = ses.sendEmail(text ? (JSON.parse(text) as Record<string, unknown>) : {});
    // late: the mail is in the mailbox, the answer comes after the client gave up.
    if (fault?.mode === 'late') await sleep(fault.delayMs);
    sendJson(res, 200, sent);
  } catch (error) {
    const type = error instanceof SesApiError ? error.type : 'BadRequestException';
    sendJson(res, error instanceof SesApiError ? error.statusCode : 400, { message: (error as Error).message }, { 'x-amzn-errortype': type });
  }
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
    if (targets.ses && req.method === 'POST' && req.url?.split('?')[0] === '/v2/email/outbound-emails') return handleSes(targets.ses, req, res);
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
