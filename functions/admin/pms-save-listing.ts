import { container, pmsImportDeps } from '#composition/container.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentSavedListing } from '#http/presenters/pms-admin.presenter.ts';
import { routes } from '#http/route-table.ts';
import { saveImportedListing } from '#use-cases/pms/import/save-imported-listing.use-case.ts';

export const handler = apiHandler(routes.adminPmsSaveListing, async ({ body }) =>
  ok(presentSavedListing(await saveImportedListing(await pmsImportDeps(container()), body)), {}, 201),
);
