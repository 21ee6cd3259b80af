import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/**
 * Serves the built admin console (`console/dist`) under `/console/`, as CloudFront serves it from
 * its bucket on AWS: files with their content types, `index.html` for any page path (the console
 * routes in the browser), `config.json` from the running stack rather than from the build, and
 * nothing outside the build folder, whatever the path says.
 *
 * Self-contained on purpose (plain node:http, no framework): `local/console-service.ts` registers
 * it on the local API server, and the lead may re-home it.
 */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The headers CloudFront is to send with the console (issue 10): a strict CSP (scripts and styles
 * only from the console itself, API calls to the same origin), no framing, no sniffing, no referrer.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export interface ConsoleStaticOptions {
  /** The build folder, `console/dist`. */
  root: string;
  /** Where the console lives: `/console`. */
  basePath: string;
  /** Answered at `<basePath>/config.json`: what a deployment writes there (API base, auth mode). */
  runtimeConfig: unknown;
}

type Answer = { status: number; headers: Record<string, string>; file?: string; body?: string };

function text(status: number, body: string): Answer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body };
}

/** Decodes the path's segments and refuses anything that could leave the root: `..`, `.`, separators, NUL. */
export function safeSegments(rest: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Decides the answer for one request path (without the query string). Exported for tests. */
export async function resolveConsoleRequest(options: ConsoleStaticOptions, rawPath: string): Promise<Answer> {
  const base = options.basePath.replace(/\/+$/, '');
  if (rawPath === base) return { status: 308, headers: { location: `${base}/` } };
  if (!rawPath.startsWith(`${base}/`)) return text(404, 'Not Found');
  const segments = safeSegments(rawPath.slice(base.length + 1));
  if (!segments) return text(400, 'Bad path');
  const root = resolve(options.root);
  const index = resolve(root, 'index.html');
  const page = { status: 200, headers: { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-cache' }, file: index };

  if (segments.length === 1 && segments[0] === 'config.json') {
    return { status: 200, headers: { 'content-type': CONTENT_TYPES['.json']!, 'cache-control': 'no-store' }, body: JSON.stringify(options.runtimeConfig) };
  }
  if (segments.length === 0) return (await isFile(index)) ? page : text(503, 'The console is not built: npm run console:build');
  const target = resolve(root, ...segments);
  if (!target.startsWith(`${root}${sep}`)) return text(400, 'Bad path');
  if (await isFile(target)) {
    const type = CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream';
    // Vite names built assets by content hash: they never change, so they may be cached for good.
    const immutable = segments[0] === 'assets' && segments.length === 2;
    return { status: 200, headers: { 'content-type': type, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' }, file: target };
  }
  // A missing file (it has an extension) is a 404; any other path is a page of the app.
  if (extname(segments.at(-1)!) !== '') return text(404, 'Not Found');
  return (await isFile(index)) ? page : text(503, 'The console is not built: npm run console:build');
}

/** A node:http handler for GET and HEAD under `basePath`. */
export function consoleStaticHandler(options: ConsoleStaticOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.resume();
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed');
      return;
    }
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const answer = await resolveConsoleRequest(options, rawPath);
    if (answer.status === 308 && queryAt !== -1) answer.headers.location += url.slice(queryAt);
    const headers: Record<string, string | number> = { ...SECURITY_HEADERS, ...answer.headers };
    if (answer.file) {
      const { size } = await stat(answer.file);
      res.writeHead(answer.status, { ...headers, 'content-length': size });
      if (method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(answer.file)
        .on('error', () => res.destroy())
        .pipe(res);
      return;
    }
    const body = answer.body ?? '';
    res.writeHead(answer.status, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(method === 'HEAD' ? undefined : body);
  };
}
