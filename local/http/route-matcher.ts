/**
 * The one route matcher of the local runtime. The API Gateway emulator matches the route table
 * with it, the `/_local/` routes and the simulators match their own tables with it, so every
 * server of the stack reads a path the same way.
 *
 * Templates use API Gateway's syntax: `/api/hotels/{hotelId}`, and a greedy `{proxy+}` as the
 * last segment. Matching is API Gateway's too: segments are compared after percent-decoding,
 * parameters arrive decoded, a trailing slash is ignored, and when several templates match the
 * most specific wins: a literal segment beats a parameter, which beats a greedy parameter. Among
 * equally specific templates the one added first wins.
 */
export type MatchMethod = string;

/** Any method: for routes that answer every method themselves. */
export const ANY_METHOD = 'ANY';

type Segment = { literal: string } | { param: string; greedy: boolean };

interface Entry<T> {
  method: MatchMethod;
  template: string;
  segments: Segment[];
  value: T;
}

export interface RouteMatch<T> {
  value: T;
  /** Decoded path parameters by name. */
  params: Record<string, string>;
  /** The template that matched, e.g. `/api/hotels/{hotelId}`. */
  template: string;
}

function compile(template: string): Segment[] {
  return template
    .split('/')
    .filter((s) => s !== '')
    .map((segment) => {
      const param = /^\{([A-Za-z0-9_]+)(\+)?\}$/.exec(segment);
      return param ? { param: param[1]!, greedy: param[2] === '+' } : { literal: segment };
    });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `/a/b/` -> `['a', 'b']`; inner empty segments (`/a//b`) are kept, so they do not match `/a/b`. */
function splitPath(rawPath: string): string[] {
  return rawPath.split('/').filter((s, i, all) => !(s === '' && (i === 0 || i === all.length - 1)));
}

/** Decoded parameters and a specificity score, or undefined when the template does not fit. */
function fit(segments: Segment[], raw: string[]): { params: Record<string, string>; score: number } | undefined {
  const params: Record<string, string> = {};
  let score = 0;
  for (let i = 0; i < segments.length; i++) {
    const part = segments[i]!;
    if ('literal' in part) {
      if (raw[i] === undefined || safeDecode(raw[i]!) !== part.literal) return undefined;
      score += 3;
    } else if (part.greedy) {
      if (i !== segments.length - 1 || raw.length <= i) return undefined;
      params[part.param] = safeDecode(raw.slice(i).join('/'));
      return { params, score: score + 1 };
    } else {
      if (raw[i] === undefined || raw[i] === '') return undefined;
      params[part.param] = safeDecode(raw[i]!);
      score += 2;
    }
  }
  return raw.length === segments.length ? { params, score } : undefined;
}

export class RouteMatcher<T> {
  private readonly entries: Entry<T>[] = [];

  /** Adds a route; `method` is upper case, or `ANY`. */
  add(method: MatchMethod, template: string, value: T): this {
    this.entries.push({ method: method.toUpperCase(), template, segments: compile(template), value });
    return this;
  }

  /** The most specific route for `method` and the raw (still percent-encoded) path, if any. */
  match(method: string, rawPath: string): RouteMatch<T> | undefined {
    const upper = method.toUpperCase();
    return this.best(rawPath, (entry) => entry.method === upper || entry.method === ANY_METHOD);
  }

  /** The methods some route accepts at this path: empty when the path is unknown (404), else a 405. */
  methodsAt(rawPath: string): string[] {
    const raw = splitPath(rawPath);
    return [...new Set(this.entries.filter((e) => fit(e.segments, raw)).map((e) => e.method))];
  }

  private best(rawPath: string, accepts: (entry: Entry<T>) => boolean): RouteMatch<T> | undefined {
    const raw = splitPath(rawPath);
    let best: (RouteMatch<T> & { score: number }) | undefined;
    for (const entry of this.entries) {
      if (!accepts(entry)) continue;
      const found = fit(entry.segments, raw);
      if (found && (!best || found.score > best.score)) best = { value: entry.value, params: found.params, template: entry.template, score: found.score };
    }
    if (!best) return undefined;
    return { value: best.value, params: best.params, template: best.template };
  }
}
