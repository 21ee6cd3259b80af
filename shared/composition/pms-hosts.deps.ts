import type { PmsAllowedHostsRepository } from '#ports/pms-allowed-hosts.repository.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { pmsAllowedHostsRepository } from './storage.ts';

/** `GET /api/admin/pms/allowed-hosts`. */
export const getAllowedHostsDeps = /* @__PURE__ */ provider<{ allowedHosts: PmsAllowedHostsRepository }>(() => ({
  allowedHosts: pmsAllowedHostsRepository(),
}));

/** `PUT /api/admin/pms/allowed-hosts`. */
export const replaceAllowedHostsDeps = /* @__PURE__ */ provider<{ allowedHosts: PmsAllowedHostsRepository; clock: () => Date }>(() => ({
  allowedHosts: pmsAllowedHostsRepository(),
  clock: clock(),
}));
