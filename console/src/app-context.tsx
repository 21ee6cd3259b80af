import { createContext, useContext } from 'react';
import type { Api } from './api/index.ts';
import type { Session } from './auth/session.ts';
import type { RuntimeConfig } from './config/runtime-config.ts';

/** What every page needs: the runtime config, the signed-in session and the API. */
export interface AppContextValue {
  config: RuntimeConfig;
  session: Session;
  api: Api;
  signOut(): void;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
