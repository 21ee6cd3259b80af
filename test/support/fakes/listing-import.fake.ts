import type { ConfigExpectation, ImportedListing, ListingCommitOutcome, ListingImportWriter } from '../../../shared/ports/listing-import.port.ts';
import { Failures } from './failures.ts';
import { FakeHotelCatalog } from './hotel-catalog.repository.fake.ts';
import { FakePmsConfigRepository } from './pms-config.repository.fake.ts';

/**
 * Commits an imported listing into a `FakeHotelCatalog` and a `FakePmsConfigRepository`, all or
 * nothing, with the adapter's check of what the caller expected: `new` conflicts when a config
 * with that id exists, `existing` when none exists or it feeds another hotel. A conflict writes
 * nothing. `commits` records every committed listing.
 */
export class FakeListingImportWriter implements ListingImportWriter {
  readonly commits: ImportedListing[] = [];
  readonly failures = new Failures<'commit'>();

  constructor(
    readonly catalog: FakeHotelCatalog = new FakeHotelCatalog(),
    readonly configs: FakePmsConfigRepository = new FakePmsConfigRepository(),
  ) {}

  async commit(listing: ImportedListing, expectation: ConfigExpectation): Promise<ListingCommitOutcome> {
    return this.failures.run('commit', async () => {
      const stored = await this.configs.get(listing.config.configId);
      const matches = expectation.kind === 'new' ? !stored : stored?.hotelId === expectation.hotelId;
      if (!matches) return 'conflict';
      for (const roomType of listing.roomTypes) await this.catalog.putRoomType(roomType);
      for (const plan of listing.ratePlans) await this.catalog.putRatePlan(plan);
      await this.catalog.putHotel(listing.hotel);
      await this.configs.put(listing.config);
      this.commits.push(structuredClone(listing));
      return 'committed';
    });
  }
}
