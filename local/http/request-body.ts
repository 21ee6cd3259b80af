import type { IncomingMessage } from 'node:http';

/**
 * Reading request bodies, for every server of the local runtime: the API Gateway emulator, the
 * `/_local/` routes, the AWS emulator and the simulators.
 */

/** The default ceiling: API Gateway's 10 MB payload limit, more than any local caller sends. */
export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** Reads the whole request body, refusing more than `limit` bytes (`PayloadTooLargeError`). */
export function readBody(req: IncomingMessage, limit: number = DEFAULT_BODY_LIMIT_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new PayloadTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Reads the body as text (UTF-8). */
export async function readText(req: IncomingMessage, limit?: number): Promise<string> {
  return (await readBody(req, limit)).toString('utf8');
}

/** Reads a JSON body: undefined when there is none; throws `SyntaxError` on bad JSON. */
export async function readJson(req: IncomingMessage, limit?: number): Promise<unknown> {
  const text = await readText(req, limit);
  if (text.length === 0) return undefined;
  return JSON.parse(text) as unknown;
}
