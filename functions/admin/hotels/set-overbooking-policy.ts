import { overbookingPolicyDeps } from '#composition/inventory-admin.deps.ts';
import { apiHandler, ok } from '#http/api-handler.ts';
import { inventoryAdminRoutes } from '#http/routes/inventory-admin.routes.ts';
import { setOverbookingPolicy } from '#use-cases/inventory/overbooking-policy.use-case.ts';

export const handler = apiHandler(inventoryAdminRoutes.adminSetOverbookingPolicy, async ({ params, body, principal }) => {
  const { hotel, nightsChanged } = await setOverbookingPolicy(overbookingPolicyDeps(), {
    hotelId: params.hotelId,
    policy: body,
    actor: principal?.subject ?? 'admin',
  });
  return ok({ hotelId: hotel.hotelId, overbooking: { percent: body.percent, ranges: body.ranges }, nightsChanged });
});
