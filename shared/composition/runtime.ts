import { getConfig, type AppConfig } from '#config/config.ts';
import { provider, resetProviders } from './provider.ts';

/** The function's configuration: parsed once from the environment (`shared/config/config.ts`). */
export const config = /* @__PURE__ */ provider<AppConfig>(() => getConfig());

/** What "now" is for every use case; tests and the local runtime's fault timings replace it. */
export const clock = /* @__PURE__ */ provider<() => Date>(() => () => new Date());

/**
 * Points every provider at another configuration: tests give each file its own table, and the
 * local runtime its loopback endpoints. Everything built before is forgotten.
 */
export function useConfig(next: AppConfig): void {
  resetProviders();
  config.override(next);
}
