import { saveListingDeps } from '#composition/pms-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { presentSavedListing } from '#http/presenters/pms-admin.presenter.ts';
import { pmsRoutes } from '#http/routes/pms.routes.ts';
import { saveImportedListing } from '#use-cases/pms/import/save-imported-listing.use-case.ts';

export const handler = apiHandler(pmsRoutes.adminPmsSaveListing, async ({ body }) =>
  ok(presentSavedListing(await saveImportedListing(await saveListingDeps(), body)), {}, 201),
);
