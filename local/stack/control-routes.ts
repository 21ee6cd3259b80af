import type { ApiLimits, LocalRoute } from '../api-gateway/local-api.ts';
import type { LocalAws } from '../aws/local-aws.ts';
import type { Scheduler } from '../aws/scheduler.ts';
import { faultRoutes } from '../faults/fault-routes.ts';
import type { FaultRegistry } from '../faults/fault-registry.ts';
import { sendJson } from '../http/json-response.ts';
import { awsCallCounts, resetAwsCallCounts } from './aws-call-counter.ts';
import { pmsVendorsServing, type PmsSimulator } from '../simulators/pms/pms-simulator.ts';

/**
 * The local stack's own controls under `/_local/` (never on AWS: the route table has no such
 * path): the faults, what the AWS emulator did (executions, events, queues, the guest mail SES
 * would have sent), running a scheduled job now, and the limits in force.
 */
export interface ControlRouteSources {
  faults: FaultRegistry;
  pms?: PmsSimulator | undefined;
  aws?: LocalAws | undefined;
  /** The schedules' runner: `POST /_local/schedules/{id}/run` runs a job now (room assignment, reminders, ...). */
  scheduler?: Scheduler | undefined;
  /** The limits the API applies; undefined with `RATE_LIMITS=off`. */
  limits: ApiLimits | undefined;
  /** Route keys with a throttle of their own, for `/_local/rate-limits`. */
  routeThrottles: Record<string, { burstLimit: number; rateLimit: number }>;
}

/** Requests one payment adapter call may send: the first, and the Stripe SDK's own retries. */
async function paymentRequestsPerCall(): Promise<number> {
  const { STRIPE_GATEWAY_DEFAULTS } = await import('../../shared/adapters/payment/stripe-payment-gateway.ts');
  return 1 + STRIPE_GATEWAY_DEFAULTS.maxNetworkRetries;
}

export function controlRoutes(sources: ControlRouteSources): LocalRoute[] {
  const { pms, aws, limits } = sources;
  const routes: LocalRoute[] = [
    ...faultRoutes(sources.faults, {
      ...(pms
        ? {
            pms: {
              hotels: () => [...pms.state.hotels.values()].map((h) => ({ vendor: h.vendor, pmsHotelId: h.pmsHotelId, hotelId: h.demoHotelId })),
              vendorsServing: pmsVendorsServing,
            },
          }
        : {}),
      paymentRequestsPerCall,
    }),
    // AWS SDK calls made by the functions since start (or the last DELETE): the benchmark's cost figure.
    { method: 'GET', path: '/_local/aws-calls', handle: (_req, res) => sendJson(res, 200, { success: true, data: awsCallCounts() }) },
    {
      method: 'DELETE',
      path: '/_local/aws-calls',
      handle: (_req, res) => {
        resetAwsCallCounts();
        sendJson(res, 200, { success: true, data: awsCallCounts() });
      },
    },
    {
      method: 'GET',
      path: '/_local/rate-limits',
      handle: (_req, res) =>
        sendJson(res, 200, {
          success: true,
          data: limits
            ? { enabled: true, stageThrottle: limits.stageThrottle, routeThrottles: sources.routeThrottles, clientRateLimits: limits.clientRateLimits }
            : { enabled: false, switch: 'RATE_LIMITS=off' },
        }),
    },
  ];
  const { scheduler } = sources;
  if (scheduler) {
    routes.push({
      method: 'POST',
      path: '/_local/schedules/{id}/run',
      handle: async (_req, res, params) => {
        const id = params.id ?? '';
        const report = await scheduler.runOnce(id).catch(() => undefined);
        if (!report) return sendJson(res, 404, { success: false, error: { code: 'NOT_FOUND', message: `No schedule ${id} (see schedule-table.ts)` } });
        // What the job published is delivered before the answer, so its mail is in /_local/mail.
        await aws?.idle();
        const { error, ...rest } = report;
        sendJson(res, 200, { success: true, data: { ...rest, ...(error ? { error: (error as Error).message ?? String(error) } : {}) } });
      },
    });
  }
  if (aws) {
    routes.push(
      { method: 'GET', path: '/_local/executions', handle: (_q, res) => sendJson(res, 200, { success: true, data: aws.stepFunctions.list() }) },
      { method: 'GET', path: '/_local/events', handle: (_q, res) => sendJson(res, 200, { success: true, data: aws.eventBus.events }) },
      { method: 'GET', path: '/_local/queues', handle: (_q, res) => sendJson(res, 200, { success: true, data: aws.queues.list() }) },
      // The guest mail SES would have delivered, oldest first; DELETE empties the mailbox.
      { method: 'GET', path: '/_local/mail', handle: (_q, res) => sendJson(res, 200, { success: true, data: aws.ses.mailbox }) },
      { method: 'DELETE', path: '/_local/mail', handle: (_q, res) => sendJson(res, 200, { success: true, data: { deleted: aws.ses.clear() } }) },
    );
  }
  return routes;
}
