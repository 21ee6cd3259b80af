import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from '../../../local/http/json-response.ts';
import { closeServer, listen } from '../../../local/http/listen.ts';
import { PayloadTooLargeError, readJson } from '../../../local/http/request-body.ts';

/** A tiny server that answers what `readJson` made of the body, or why it could not. */
describe('readJson and sendJson, shared by every local server', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      readJson(req, 64).then(
        (body) => sendJson(res, 200, { body: body ?? null }),
        (error: unknown) => sendJson(res, error instanceof PayloadTooLargeError ? 413 : 400, { error: (error as Error).name }),
      );
    });
    url = (await listen(server)).url;
  });

  afterAll(() => closeServer(server));

  const post = (body: string) =>
    new Promise<{ status: number; json: unknown; length: string | undefined }>((resolve, reject) => {
      const req = request(url, { method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text), length: res.headers['content-length'] }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('reads a JSON body, and an empty one as nothing', async () => {
    const full = await post('{"a":[1,2]}');
    const empty = await post('');

    expect(full).toMatchObject({ status: 200, json: { body: { a: [1, 2] } } });
    expect(Number(full.length)).toBe(Buffer.byteLength(JSON.stringify({ body: { a: [1, 2] } })));
    expect(empty.json).toEqual({ body: null });
  });

  it('refuses bad JSON and a body over the limit', async () => {
    expect(await post('{"a":')).toMatchObject({ status: 400, json: { error: 'SyntaxError' } });
    expect(await post(JSON.stringify({ a: 'x'.repeat(100) }))).toMatchObject({ status: 413, json: { error: 'PayloadTooLargeError' } });
  });
});
