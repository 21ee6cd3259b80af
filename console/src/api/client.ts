/**
 * The one HTTP client every API module uses. It knows the base path (from `config.json`), adds the
 * bearer token, sends and reads JSON, and turns every failure into an `ApiError` carrying what the
 * console shows: the API's `code` and `message`, the HTTP status and the request id.
 *
 * Three kinds of failure body reach it: the API's envelope `{success:false, error:{code,message}}`,
 * API Gateway's own `{"message":"Unauthorized"}` (401 from the JWT authorizer, 404 for an unknown
 * route, 503 for an integration timeout), and no response at all (network down). Each gets a stable
 * code so a page can switch on it.
 */
export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  readonly requestId?: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }
}

/** Codes the client itself gives to answers that carry none. */
export const CLIENT_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
} as const;

/** What API Gateway's bare answers mean, keyed by status. */
const GATEWAY_CODES: Record<number, string> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads a failed response's body into an `ApiError`, whatever produced it. */
export function errorFromBody(status: number, body: unknown, headerRequestId?: string): ApiError {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === 'string') {
    return new ApiError({
      status,
      code: body.error.code,
      message: typeof body.error.message === 'string' ? body.error.message : body.error.code,
      details: body.error.details,
      requestId: typeof body.requestId === 'string' ? body.requestId : headerRequestId,
    });
  }
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : `HTTP ${status}`;
  return new ApiError({ status, code: GATEWAY_CODES[status] ?? `HTTP_${status}`, message, requestId: headerRequestId });
}

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** `/api` by default, from `config.json`; never ends with `/`. */
  basePath: string;
  /** The current bearer token, or undefined when signed out. */
  token: () => string | undefined;
  /** Called on a 401, so the session can end and the login page show. */
  onUnauthorized?: (error: ApiError) => void;
  fetch?: typeof fetch;
}

/** `/api` + `/admin/bookings` + `?status=...`, skipping empty query values. */
export function buildUrl(basePath: string, path: string, query?: Record<string, QueryValue>): string {
  const base = basePath.replace(/\/+$/, '');
  const tail = path.startsWith('/') ? path : `/${path}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${base}${tail}${search ? `?${search}` : ''}`;
}

/** Encodes one path segment (an id), so an id can never change the path. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

export class ApiClient {
  readonly basePath: string;
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.#options = options;
    this.basePath = options.basePath.replace(/\/+$/, '') || '/api';
  }

  /** Sends a request and returns the parsed JSON body of a 2xx; throws `ApiError` otherwise. */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>(path, options)).body;
  }

  /**
   * Like `request`, with the status too: a lifecycle action answers 200 when its saga finished and
   * 202 when it is still running, and the page says which.
   */
  async send<T>(path: string, options: RequestOptions = {}): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const token = this.#options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const doFetch = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(buildUrl(this.basePath, path, options.query), {
        method: options.method ?? 'GET',
        // The public catalog answers with `Cache-Control: public, max-age=60` for CloudFront; an
        // admin who just edited a hotel must read it back as it is, not as the browser kept it.
        cache: 'no-store',
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError({ status: 0, code: CLIENT_CODES.network, message: `The API could not be reached (${(error as Error).message}).` });
    }
    const requestId = response.headers.get('apigw-requestid') ?? undefined;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
        if (response.ok) {
          throw new ApiError({ status: response.status, code: CLIENT_CODES.badResponse, message: 'The API answered something that is not JSON.', requestId });
        }
      }
    }
    if (!response.ok) {
      const error = errorFromBody(response.status, parsed, requestId);
      if (response.status === 401) this.#options.onUnauthorized?.(error);
      throw error;
    }
    return { status: response.status, body: parsed as T };
  }

  get<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
  }
}

/** `{success: true, data}`: every read's envelope. */
export interface DataEnvelope<T> {
  success: true;
  data: T;
}
