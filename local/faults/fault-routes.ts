import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { PMS_VENDORS, type PmsVendor } from '../../shared/domain/pms.ts';
import type { LocalRoute } from '../api-gateway/local-api.ts';
import { sendJson } from '../http/json-response.ts';
import { readJson } from '../http/request-body.ts';
import { explainTimes, FAULT_POINTS, isPmsFaultPoint, TIMES_MEANING } from './fault-points.ts';
import { FAULT_MODES, type FaultRegistry } from './fault-registry.ts';

/**
 * `POST /_local/faults {point, mode: error|timeout|latency|late, times, delayMs?, vendor?, hotelId?}`
 * arms a fault in the simulators, `DELETE /_local/faults` clears them, `GET /_local/faults` lists
 * them. These routes exist only in the local stack: the route table (and so AWS) has no such path.
 *
 * A fault that could never fire is refused (422) instead of lying in wait for the next booking:
 * a PMS point the scoped vendor does not serve (Cloudbeds and OPERA have no hold API, so
 * `pms.hold` never reaches them), a hotel the simulator does not have, a scope on a payment point
 * (the payment simulator cannot tell hotels apart). The answer says what one `times` is at the
 * point and how many requests one booking sends there.
 */

/** What the fault routes need to know about the PMS simulator. */
export interface PmsFaultTargets {
  /** The simulated hotels; `hotelId` is our id, when the hotel mirrors one of the demo catalogue. */
  hotels(): Iterable<{ vendor: PmsVendor; pmsHotelId: string; hotelId?: string | undefined }>;
  /** The vendors whose dialect consults `point`. */
  vendorsServing(point: string): PmsVendor[];
}

export interface FaultRouteOptions {
  /** Absent when no PMS simulator runs: PMS faults then cannot be scoped to a hotel. */
  pms?: PmsFaultTargets;
  /** Requests one payment adapter call may send (1 + the Stripe SDK's retries). */
  paymentRequestsPerCall?: () => Promise<number>;
}

const FaultBody = z.strictObject({
  point: z.enum(FAULT_POINTS),
  mode: z.enum(FAULT_MODES),
  times: z.number().int().min(1).max(1000).default(1),
  delayMs: z.number().int().min(0).max(300_000).optional(),
  vendor: z.enum(PMS_VENDORS).optional(),
  hotelId: z.string().min(1).max(128).optional(),
});

interface Issue {
  field: string;
  message: string;
}

function refuse(res: ServerResponse, status: number, code: string, message: string, details?: Issue[]): void {
  sendJson(res, status, { success: false, error: { code, message, ...(details ? { details } : {}) }, requestId: randomUUID() });
}

function list(items: string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

/** Which simulated hotels a fault can reach, or the reason it can reach none. */
function reach(spec: z.output<typeof FaultBody>, pms: PmsFaultTargets | undefined): { issue: Issue } | { appliesTo: string } {
  if (!isPmsFaultPoint(spec.point)) {
    if (spec.vendor !== undefined || spec.hotelId !== undefined) {
      const field = spec.vendor !== undefined ? 'body.vendor' : 'body.hotelId';
      const server = spec.point === 'mail.send' ? 'the SES emulator does not know which hotel or PMS a mail is for' : 'the payment simulator does not know which hotel or PMS a payment is for';
      return { issue: { field, message: `${spec.point} cannot be scoped: ${server}. Leave out vendor and hotelId.` } };
    }
    return { appliesTo: spec.point === 'mail.send' ? 'every SendEmail to the SES emulator' : 'every request to the payment simulator at this point' };
  }
  const serving = pms?.vendorsServing(spec.point) ?? [...PMS_VENDORS];
  const hotels = [...(pms?.hotels() ?? [])];
  const named = (h: { pmsHotelId: string; hotelId?: string | undefined }) => (h.hotelId ? `${h.hotelId} (${h.pmsHotelId})` : h.pmsHotelId);
  let vendor = spec.vendor;
  if (spec.hotelId !== undefined) {
    const hotel = hotels.find((h) => h.hotelId === spec.hotelId || h.pmsHotelId === spec.hotelId);
    if (!hotel) {
      return { issue: { field: 'body.hotelId', message: `The PMS simulator has no hotel '${spec.hotelId}'. Its hotels: ${list(hotels.map(named))}.` } };
    }
    if (vendor !== undefined && vendor !== hotel.vendor) {
      return { issue: { field: 'body.vendor', message: `Hotel '${spec.hotelId}' is on ${hotel.vendor}, not ${vendor}.` } };
    }
    vendor = hotel.vendor;
  }
  if (vendor !== undefined && !serving.includes(vendor)) {
    const field = spec.vendor !== undefined ? 'body.vendor' : 'body.hotelId';
    const who = spec.hotelId !== undefined ? `hotel '${spec.hotelId}' (${vendor})` : vendor;
    return {
      issue: {
        field,
        message: `${spec.point} would never fire for ${who}: ${vendor} has no API for it, so the saga never calls it there. ${spec.point} is served by: ${list(serving)}.`,
      },
    };
  }
  const reached = hotels.filter((h) => serving.includes(h.vendor) && (vendor === undefined || h.vendor === vendor) && (spec.hotelId === undefined || h.hotelId === spec.hotelId || h.pmsHotelId === spec.hotelId));
  const vendors = vendor !== undefined ? [vendor] : serving;
  return { appliesTo: `${list(vendors)}${pms ? `: ${list(reached.map(named))}` : ''}` };
}

async function arm(faults: FaultRegistry, options: FaultRouteOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  const spec = parsed.data;
  const reached = reach(spec, options.pms);
  if ('issue' in reached) return refuse(res, 422, 'VALIDATION_ERROR', reached.issue.message, [reached.issue]);
  faults.arm(spec);
  const requestsPerCall = isPmsFaultPoint(spec.point) ? 1 : ((await options.paymentRequestsPerCall?.()) ?? 1);
  const times = explainTimes(spec.point, requestsPerCall);
  sendJson(res, 201, { success: true, data: { armed: spec, appliesTo: reached.appliesTo, times: times.meaning, ...(times.perBooking ? { perBooking: times.perBooking } : {}), faults: faults.list() } });
}

export function faultRoutes(faults: FaultRegistry, options: FaultRouteOptions = {}): LocalRoute[] {
  return [
    { method: 'POST', path: '/_local/faults', handle: (req, res) => arm(faults, options, req, res) },
    {
      method: 'DELETE',
      path: '/_local/faults',
      handle: (_req, res) => {
        faults.clear();
        sendJson(res, 200, { success: true, data: { faults: [] } });
      },
    },
    { method: 'GET', path: '/_local/faults', handle: (_req, res) => sendJson(res, 200, { success: true, data: { faults: faults.list(), times: TIMES_MEANING } }) },
  ];
}
