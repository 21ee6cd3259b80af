import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import type { FaultRegistry } from '../../faults/fault-registry.ts';
import { closeServer, listen } from '../../http/listen.ts';
import { readText } from '../../http/request-body.ts';
import { presentedKey, redactKey } from './api-keys.ts';
import { KeyedLock } from './idempotency.ts';
import { SimulatorStore, simulatorState, type RecordedRequest, type StripeSimulatorState } from './simulator-store.ts';
import { FormBodyError, canonicalJson, parseStripeForm, type FormObject } from './stripe-form-body.ts';
import { applyInjectedFault } from './injected-faults.ts';
import { error, invalid, newId, type Reply } from './stripe-replies.ts';
import { simRoutes, stripeRoutes, type StripeRoute } from './stripe-routes.ts';

/**
 * A Stripe-compatible server for local runs and tests: the subset of the v1 REST API that the
 * payment adapter uses (PaymentIntents with manual capture, capture, cancel, refunds, and the
 * lists and search below), spoken in Stripe's own dialect so any Stripe client talks to it
 * unchanged given its URL (our adapter's `baseUrl`, or the official SDK's `host`/`port`/`protocol`):
 * - form-encoded request bodies with bracketed keys, JSON responses, Bearer (or Basic) secret-key
 *   auth, `Request-Id` and `Stripe-Version` response headers, Stripe's error envelope
 *   `{error: {type, code, decline_code, message, param}}` and HTTP statuses (402 card errors,
 *   400/404 invalid requests, 401 bad key);
 * - Stripe's test payment methods: `pm_card_visa` (and other `pm_card_<brand>`) authorize;
 *   `pm_card_chargeDeclined`, `...InsufficientFunds`, `...ExpiredCard`, `...IncorrectCvc`,
 *   `...ProcessingError`, `...LostCard`, `...StolenCard`, `...Fraudulent` decline;
 *   `pm_card_authenticationRequired` needs 3-D Secure; anything else is `resource_missing`;
 * - Idempotency-Key semantics: the first response to a key (status and body, errors included) is
 *   replayed with `Idempotent-Replayed: true`; the same key with other parameters (or on another
 *   endpoint) is a 400 `idempotency_error`; requests that fail validation before executing are not
 *   stored (as on Stripe). Concurrent requests with one key are serialized, so only the first
 *   executes and the rest replay it (Stripe answers them 409 instead, which the SDK retries:
 *   the outcome is the same). Keys expire here only when a test calls
 *   `state.expireIdempotencyKeys()`; Stripe keeps them at least 24 h.
 *
 * Fault points: `payment.authorize`, `payment.capture`, `payment.void`, `payment.refund`, consulted
 * in front of the idempotency layer (`injected-faults.ts`), with modes `error`, `timeout`,
 * `latency` and `late` (executes at once, holds the answer `delayMs`).
 *
 * Reads for compensations and checks: listing and searching PaymentIntents, listing refunds,
 * `expand[]=latest_charge` (`stripe-list-search.ts`), and `GET /_sim/ledger[/<bookingId>]` (no key
 * needed) with each booking's authorized, captured, refunded, voided and still-held amounts
 * (`stripe-ledger.ts`), also in process as `state.ledger(bookingId)`.
 *
 * The resources live in their own files (`payment-intents.ts`, `refunds.ts`,
 * `stripe-list-search.ts`), the endpoints in `stripe-routes.ts`, the stored state in
 * `simulator-store.ts`; this file is the server: body, latency, ledger, key, route, params,
 * fault, idempotency, answer (held back by a `late` fault).
 */

export interface StripeSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultRegistry;
  /** Added to every request, to make timings realistic. */
  latencyMs?: number;
  /**
   * Waits `ms` (`latencyMs`; latency, timeout and late faults), or rejects when `signal` aborts
   * (the client left, or the simulator stops). Default: a real timer. Tests pass one that returns
   * at once.
   */
  delay?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The one secret key accepted; default `sk_test_local_simulator`. */
  secretKey?: string;
  /** Epoch milliseconds for `created` and `canceled_at`; default `Date.now`. */
  now?: () => number;
  /**
   * `immediate` (default): search sees every write at once. `manual`: as on Stripe, search lags;
   * an intent becomes searchable, in the state it then has, only when `state.indexSearch()` runs.
   */
  searchIndexing?: 'immediate' | 'manual';
}

export interface StripeSimulator {
  url: string;
  host: string;
  port: number;
  protocol: 'http';
  secretKey: string;
  state: StripeSimulatorState;
  stop(): Promise<void>;
}

export type { BookingCounts, RecordedRequest, StripeSimulatorState } from './simulator-store.ts';
export type { SimCharge, SimPaymentIntent, SimRefund } from './stripe-objects.ts';
export type { BookingLedger } from './stripe-ledger.ts';

export const DEFAULT_SIMULATOR_SECRET_KEY = 'sk_test_local_simulator';
const DEFAULT_API_VERSION = '2026-10-28.endive';
const MAX_BODY_BYTES = 1_000_000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** An answer ready to send: status, JSON text, extra headers. */
interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

function answerOf(reply: Reply): Answer {
  return { status: reply.status, body: JSON.stringify(reply.body) };
}

const defaultDelay = (ms: number, signal: AbortSignal): Promise<void> => wait(ms, undefined, { signal });

/** Starts the simulator on loopback; `stop()` closes it and drops every held request. */
export async function startStripeSimulator(options: StripeSimulatorOptions = {}): Promise<StripeSimulator> {
  const host = options.host ?? '127.0.0.1';
  const secretKey = options.secretKey ?? DEFAULT_SIMULATOR_SECRET_KEY;
  const faults = options.faults;
  const latencyMs = options.latencyMs ?? 0;
  const delay = options.delay ?? defaultDelay;
  const store = new SimulatorStore(options.now ?? Date.now, options.searchIndexing === 'manual');
  const locks = new KeyedLock();
  const stopping = new AbortController();

  /** Waits `ms` unless the client goes away or the simulator stops; resolves false if interrupted. */
  async function hold(ms: number, res: ServerResponse): Promise<boolean> {
    if (ms <= 0) return true;
    const gone = new AbortController();
    const onClose = () => gone.abort();
    res.on('close', onClose);
    try {
      const signal = AbortSignal.any([gone.signal, stopping.signal]);
      await delay(ms, signal);
      return !signal.aborted;
    } catch {
      return false;
    } finally {
      res.off('close', onClose);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
    const requestId = newId('req');
    const stripeVersion = typeof req.headers['stripe-version'] === 'string' ? req.headers['stripe-version'] : undefined;
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    const entry: RecordedRequest = {
      method,
      path,
      status: 0,
      replayed: false,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      ...(stripeVersion !== undefined ? { stripeVersion } : {}),
    };

    const send = (status: number, body: string, extraHeaders: Record<string, string> = {}) => {
      entry.status = status;
      store.record(entry);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Request-Id': requestId,
        'Stripe-Version': stripeVersion ?? DEFAULT_API_VERSION,
        ...(idempotencyKey !== undefined && method === 'POST' ? { 'Idempotency-Key': idempotencyKey } : {}),
        ...extraHeaders,
      });
      res.end(body);
    };
    const sendReply = (reply: Reply) => send(reply.status, JSON.stringify(reply.body));

    let rawBody: string;
    try {
      rawBody = await readText(req, MAX_BODY_BYTES);
    } catch {
      sendReply(invalid('The request body could not be read.'));
      return;
    }
    if (!(await hold(latencyMs, res))) return;

    // The simulator's own view for tests and people: no key, not part of Stripe's API.
    const own = simRoutes.match(method, path);
    if (own) {
      sendReply(own.value.handle(store, own.params));
      return;
    }

    const key = presentedKey(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    if (!key) {
      sendReply(
        invalid(
          'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').',
          {},
          401,
        ),
      );
      return;
    }
    if (key !== secretKey) {
      sendReply(invalid(`Invalid API Key provided: ${redactKey(key)}`, {}, 401));
      return;
    }

    const found = stripeRoutes.match(method, path);
    if (!found) {
      sendReply(invalid(`Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs.`, {}, 404));
      return;
    }

    let params: FormObject = {};
    if (method === 'GET' && query.length > 0) {
      try {
        params = parseStripeForm(query);
      } catch (e) {
        sendReply(invalid(e instanceof FormBodyError ? e.message : 'Invalid query string.'));
        return;
      }
    }
    if (method === 'POST' && rawBody.length > 0) {
      const contentType = String(req.headers['content-type'] ?? '');
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        sendReply(invalid('Invalid request: the body must be application/x-www-form-urlencoded.'));
        return;
      }
      try {
        params = parseStripeForm(rawBody);
      } catch (e) {
        sendReply(invalid(e instanceof FormBodyError ? e.message : 'Invalid request body.'));
        return;
      }
    }

    /** Runs the route, through the idempotency layer for a keyed POST: the answer to send. */
    const execute = async (route: StripeRoute, pathParams: Record<string, string>): Promise<Answer> => {
      if (method !== 'POST' || idempotencyKey === undefined) return answerOf(route.handle(store, params, pathParams));
      if (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        return answerOf(invalid(`Invalid Idempotency-Key: must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`));
      }
      return locks.run(idempotencyKey, async () => {
        const fingerprint = `${method} ${path} ${canonicalJson(params)}`;
        const stored = store.idempotency.get(idempotencyKey);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            return answerOf(
              error(400, {
                type: 'idempotency_error',
                message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
              }),
            );
          }
          entry.replayed = true;
          return { status: stored.status, body: stored.body, headers: { 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId } };
        }
        const reply = route.handle(store, params, pathParams);
        const body = JSON.stringify(reply.body);
        if (reply.store) store.idempotency.set(idempotencyKey, { fingerprint, status: reply.status, body, requestId });
        return { status: reply.status, body };
      });
    };

    // Faults first: an injected failure happens "in front of" Stripe, so nothing executes or is stored.
    const faulted = await applyInjectedFault({
      faults,
      point: found.value.point,
      record: (mode) => {
        entry.fault = mode;
        // A request that will never be answered is logged now, while it hangs.
        if (mode === 'timeout') store.record({ ...entry, status: 0 });
      },
      answer: sendReply,
      hangUp: () => res.socket?.destroy(),
      wait: (ms) => hold(ms, res),
    });
    if (faulted.then === 'done') return;

    const answer = await execute(found.value, found.params);
    // `late`: the effect has happened (and is stored for the key); only the answer is held back,
    // outside the key's lock, so a retry with the same key replays it meanwhile. A client that
    // leaves first gets nothing: logged unanswered.
    if (!(await hold(faulted.holdAnswerMs, res))) {
      entry.status = 0;
      store.record(entry);
      return;
    }
    send(answer.status, answer.body, answer.headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: `Simulator failure: ${String(e)}` } }));
      }
    });
  });

  const { port } = await listen(server, options.port ?? 0, host);

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    protocol: 'http',
    secretKey,
    state: simulatorState(store),
    async stop() {
      stopping.abort();
      await closeServer(server);
    },
  };
}
