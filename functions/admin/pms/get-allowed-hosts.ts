import { getAllowedHostsDeps } from '#composition/pms-hosts.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAllowedHosts } from '#http/presenters/pms-hosts.presenter.ts';
import { pmsHostsRoutes } from '#http/routes/pms-hosts.routes.ts';
import { getAllowedHosts } from '#use-cases/pms/hosts/allowed-hosts.use-cases.ts';

export const handler = apiHandler(pmsHostsRoutes.adminGetPmsAllowedHosts, async () => ok(presentAllowedHosts(await getAllowedHosts(getAllowedHostsDeps()))));
