import type { AssignArrivalsDeps } from '#use-cases/rooms/assign-arrivals.use-case.ts';
import type { RoomAssignmentDeps } from '#use-cases/rooms/assign-rooms.use-case.ts';
import type { RoomsAdminDeps } from '#use-cases/rooms/rooms-admin.use-cases.ts';
import { lazyEventPublisher } from './messaging.ts';
import { pmsClients } from './pms.ts';
import { provider } from './provider.ts';
import { clock } from './runtime.ts';
import { bookingRepository, findingRepository, hotelCatalog, roomAssignmentStore, roomRepository } from './storage.ts';

/** The rooms' admin CRUD: storage only. */
export const roomsAdminDeps = /* @__PURE__ */ provider<RoomsAdminDeps>(() => ({
  rooms: roomRepository(),
  catalog: hotelCatalog(),
  store: roomAssignmentStore(),
  clock: clock(),
}));

/** Assigning rooms to one booking (the admin route, the release consumer): storage and the bus. */
export const roomAssignmentDeps = /* @__PURE__ */ provider<RoomAssignmentDeps>(() => ({
  bookings: bookingRepository(),
  rooms: roomRepository(),
  store: roomAssignmentStore(),
  findings: findingRepository(),
  events: lazyEventPublisher(),
  clock: clock(),
}));

/** The assignment job: the above, the catalog, and the PMS (whose room numbers win). */
export const assignArrivalsDeps = /* @__PURE__ */ provider<AssignArrivalsDeps>(() => ({
  ...roomAssignmentDeps(),
  bookings: bookingRepository(),
  catalog: hotelCatalog(),
  pms: pmsClients(),
}));
