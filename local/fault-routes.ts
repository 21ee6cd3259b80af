import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import type { LocalRoute } from './http-server.ts';
import { readJson, sendJson } from './http-server.ts';
import type { FaultRegistry } from './simulators/fault-registry.ts';

/** The fault points evaluators and tests can arm (issue 3), plus the simulators' read points. */
export const FAULT_POINTS = [
  'pms.hold',
  'pms.release',
  'pms.confirm',
  'pms.cancel',
  'pms.lookup',
  'pms.details',
  'pms.inventory',
  'payment.authorize',
  'payment.capture',
  'payment.void',
  'payment.refund',
] as const;

const FaultBody = z.strictObject({
  point: z.enum(FAULT_POINTS),
  mode: z.enum(['error', 'timeout', 'latency']),
  times: z.number().int().min(1).max(1000).default(1),
  delayMs: z.number().int().min(0).max(300_000).optional(),
});

function refuse(res: ServerResponse, status: number, code: string, message: string, details?: unknown): void {
  sendJson(res, status, { success: false, error: { code, message, ...(details ? { details } : {}) }, requestId: randomUUID() });
}

async function arm(faults: FaultRegistry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    return refuse(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  const parsed = FaultBody.safeParse(body ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('.'), message: i.message }));
    return refuse(res, 422, 'VALIDATION_ERROR', `The fault is not valid (${details.map((d) => `${d.field}: ${d.message}`).join('; ')}).`, details);
  }
  faults.arm(parsed.data);
  sendJson(res, 201, { success: true, data: { armed: parsed.data, faults: faults.list() } });
}

/**
 * `POST /_local/faults {point, mode: error|timeout|latency, times, delayMs?}` arms a fault in the
 * simulators, `DELETE /_local/faults` clears them, `GET /_local/faults` lists them. These routes
 * exist only in the local stack: the route table (and so AWS) has no such path.
 */
export function faultRoutes(faults: FaultRegistry): LocalRoute[] {
  return [
    { method: 'POST', path: '/_local/faults', handle: (req, res) => arm(faults, req, res) },
    {
      method: 'DELETE',
      path: '/_local/faults',
      handle: (_req, res) => {
        faults.clear();
        sendJson(res, 200, { success: true, data: { faults: [] } });
      },
    },
    { method: 'GET', path: '/_local/faults', handle: (_req, res) => sendJson(res, 200, { success: true, data: { faults: faults.list() } }) },
  ];
}
