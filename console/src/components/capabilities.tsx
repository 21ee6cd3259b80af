import { createContext, useContext, type ReactNode } from 'react';
import { useApp } from '../app-context.tsx';
import { hasRoute, type RouteSet } from '../api/capabilities.ts';
import { PLANNED, type PlannedKey } from '../api/planned.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { PlannedAction, PlannedPanel } from './feedback.tsx';

/**
 * The routes the API serves, read once per sign-in from its OpenAPI document. A planned action
 * turns into a working one as soon as the API has its route, and stays disabled with the reason
 * while it does not (or while the document cannot be read: nothing is assumed).
 */
type RouteStatus = 'checking' | 'available' | 'missing';

const CapabilitiesContext = createContext<((key: PlannedKey) => RouteStatus) | undefined>(undefined);

export function CapabilitiesProvider({ children }: { children: ReactNode }) {
  const { api } = useApp();
  const routes = useAsync<RouteSet>((signal) => api.capabilities.routes(signal), [api]);
  const status = (key: PlannedKey): RouteStatus => {
    if (routes.status === 'loading') return 'checking';
    if (routes.status === 'error') return 'missing';
    return hasRoute(routes.data, PLANNED[key].route) ? 'available' : 'missing';
  };
  return <CapabilitiesContext.Provider value={status}>{children}</CapabilitiesContext.Provider>;
}

export function useRouteStatus(key: PlannedKey): RouteStatus {
  const status = useContext(CapabilitiesContext);
  return status ? status(key) : 'missing';
}

/** `children` (the working control) when the API has the route, else the disabled action with its reason. */
export function RouteGate({ planned, label, children }: { planned: PlannedKey; label: string; children: ReactNode }) {
  const status = useRouteStatus(planned);
  if (status === 'available') return <>{children}</>;
  if (status === 'checking') {
    return (
      <button type="button" className="button" disabled aria-busy="true">
        {label}
      </button>
    );
  }
  return <PlannedAction label={label} planned={planned} />;
}

/** The same for a whole panel. */
export function RoutePanelGate({ planned, title, children }: { planned: PlannedKey; title: string; children: ReactNode }) {
  const status = useRouteStatus(planned);
  if (status === 'available') return <>{children}</>;
  if (status === 'checking') return null;
  return <PlannedPanel title={title} planned={planned} />;
}
