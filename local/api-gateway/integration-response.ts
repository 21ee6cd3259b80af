/**
 * How API Gateway reads a Lambda integration's payload 2.0 response: an object with a
 * `statusCode` is a structured response; anything else is a 200 JSON body. A structured response
 * API Gateway could not use (no integer status, a body that is not a string) is a 500.
 */
export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

export function interpretResult(result: unknown): GatewayResponse {
  const isStructured = result !== null && typeof result === 'object' && 'statusCode' in result;
  if (!isStructured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body, 'utf8') };
  }
  const r = result as { statusCode: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown; cookies?: unknown };
  if (typeof r.statusCode !== 'number' || !Number.isInteger(r.statusCode) || r.statusCode < 100 || r.statusCode > 599) {
    throw new MalformedResponseError(`statusCode must be an integer HTTP status, got ${JSON.stringify(r.statusCode)}`);
  }
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') {
    throw new MalformedResponseError('body must be a string (serialize it, e.g. JSON.stringify)');
  }
  const headers: Record<string, string> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object') throw new MalformedResponseError('headers must be an object');
    for (const [name, value] of Object.entries(r.headers)) {
      if (value === undefined || value === null) continue;
      headers[name.toLowerCase()] = String(value);
    }
  }
  headers['content-type'] ??= 'application/json';
  const cookies = Array.isArray(r.cookies) ? r.cookies.map(String) : [];
  const text = (r.body as string | undefined) ?? '';
  const body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  return { statusCode: r.statusCode, headers, cookies, body };
}
