import type { AppConfig } from '../../shared/config/config.ts';
import { pmsClients, secretCipher } from '../../shared/composition/pms.ts';
import { resetProviders } from '../../shared/composition/provider.ts';
import { clock, useConfig } from '../../shared/composition/runtime.ts';
import {
  bookingRepository,
  deadLetterStore,
  documentClient,
  findingRepository,
  holdRepository,
  hotelCatalog,
  inventoryStore,
  listingImportWriter,
  pmsConfigRepository,
  webhookEventRepository,
} from '../../shared/composition/storage.ts';

/**
 * Points every function's composition at a test configuration (its own table, the simulators) and
 * hands back the same adapters the handlers will use, for arranging data and reading outcomes.
 */
export function useTestConfig(config: AppConfig) {
  useConfig(config);
  return testAdapters(config);
}

function testAdapters(config: AppConfig) {
  const pms = pmsClients();
  return {
    config,
    doc: documentClient(),
    catalog: hotelCatalog(),
    inventory: inventoryStore(),
    bookings: bookingRepository(),
    holds: holdRepository(),
    pmsConfigs: pmsConfigRepository(),
    webhookEvents: webhookEventRepository(),
    listingImports: listingImportWriter(),
    findings: findingRepository(),
    deadLetters: deadLetterStore(),
    cipher: secretCipher,
    pms,
    clock: () => clock()(),
  };
}

export type TestAdapters = ReturnType<typeof testAdapters>;

/** Forgets the test's configuration and every adapter built from it. */
export function resetTestConfig(): void {
  resetProviders();
}
