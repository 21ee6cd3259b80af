import { randomBytes } from 'node:crypto';
import type { FormObject } from './stripe-form-body.ts';
import type { SimPaymentIntent } from './stripe-objects.ts';

/**
 * What a resource handler answers, and Stripe's error envelope
 * `{error: {type, code, decline_code, message, param}}` with Stripe's statuses, plus the small
 * things every handler needs: ids in Stripe's shape, deep copies. (Timestamps come from the
 * store's injected clock: `SimulatorStore.now()`.)
 */

/** What a handler answers; `store` says whether the idempotency layer keeps it for replay. */
export interface Reply {
  status: number;
  body: unknown;
  store: boolean;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function error(status: number, body: Record<string, unknown>, store = false): Reply {
  return { status, body: { error: body }, store };
}

export function invalid(message: string, extra: Record<string, unknown> = {}, status = 400, store = false): Reply {
  return error(status, { type: 'invalid_request_error', message, ...extra }, store);
}

export function unknownParameter(params: FormObject, allowed: ReadonlySet<string>): Reply | undefined {
  const unknown = Object.keys(params).find((k) => !allowed.has(k));
  return unknown === undefined
    ? undefined
    : invalid(`Received unknown parameter: ${unknown}`, { code: 'parameter_unknown', param: unknown });
}

export function noSuchIntent(id: string, param = 'intent'): Reply {
  return invalid(`No such payment_intent: '${id}'`, { code: 'resource_missing', param }, 404);
}

export function unexpectedState(intent: SimPaymentIntent, message: string): Reply {
  return invalid(message, { code: 'payment_intent_unexpected_state', payment_intent: clone(intent) }, 400, true);
}
