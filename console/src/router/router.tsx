import { createContext, useContext, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/**
 * A small history router for the console's handful of pages, under the `/console` base. The
 * server (local: `local/console-static.ts`; AWS: CloudFront) answers `index.html` for any page
 * path, so deep links and reloads work.
 */
export const BASE_PATH = '/console';

export interface Location {
  /** The path inside the console: `/bookings/bk_1`. */
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  const { pathname, search } = window.location;
  const inside = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  return { path: inside === '' ? '/' : inside, query: new URLSearchParams(search) };
}

const RouterContext = createContext<Location>({ path: '/', query: new URLSearchParams() });
const LISTENERS = new Set<() => void>();

/** Goes to a console path (`/bookings?status=FAILED`) without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE_PATH}${to.startsWith('/') ? to : `/${to}`}`;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const listener of LISTENERS) listener();
  window.scrollTo(0, 0);
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(current);
  useEffect(() => {
    const update = () => setLocation(current());
    LISTENERS.add(update);
    window.addEventListener('popstate', update);
    return () => {
      LISTENERS.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return <RouterContext.Provider value={location}>{children}</RouterContext.Provider>;
}

export function useLocation(): Location {
  return useContext(RouterContext);
}

/** `/bookings/:id` against `/bookings/bk_1` -> `{id: 'bk_1'}`; undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(have[i]!);
      } catch {
        return undefined;
      }
    } else if (part !== have[i]) return undefined;
  }
  return params;
}

export function useParams(pattern: string): Record<string, string> {
  const { path } = useLocation();
  return useMemo(() => matchPath(pattern, path) ?? {}, [pattern, path]);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real link (middle-click and copy work) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={`${BASE_PATH}${to}`} onClick={handle} {...rest} />;
}
