import { replaceAllowedHostsDeps } from '#composition/pms-hosts.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentAllowedHosts } from '#http/presenters/pms-hosts.presenter.ts';
import { pmsHostsRoutes } from '#http/routes/pms-hosts.routes.ts';
import { replaceAllowedHosts } from '#use-cases/pms/hosts/allowed-hosts.use-cases.ts';

export const handler = apiHandler(pmsHostsRoutes.adminReplacePmsAllowedHosts, async ({ body, principal }) => {
  const list = await replaceAllowedHosts(replaceAllowedHostsDeps(), { hosts: body.hosts, actor: principal?.subject ?? 'admin' });
  return ok(presentAllowedHosts(list));
});
