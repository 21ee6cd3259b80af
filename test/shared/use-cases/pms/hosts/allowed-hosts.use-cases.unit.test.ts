import { describe, expect, it } from 'vitest';
import { StorageContentionError } from '../../../../../shared/domain/booking-errors.ts';
import { ValidationError } from '../../../../../shared/domain/errors.ts';
import { getAllowedHosts, replaceAllowedHosts } from '../../../../../shared/use-cases/pms/hosts/allowed-hosts.use-cases.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakePmsAllowedHostsRepository } from '../../../../support/fakes/pms-allowed-hosts.repository.fake.ts';

function world() {
  const clock = fakeClock('2026-03-01T10:00:00.000Z');
  const allowedHosts = new FakePmsAllowedHostsRepository();
  return { clock, allowedHosts, deps: { allowedHosts, clock } };
}

describe('the generic PMS host allow-list', () => {
  it('is empty at version 0 until an admin sets it', async () => {
    const { deps } = world();

    expect(await getAllowedHosts(deps)).toEqual({ vendor: 'generic', hosts: [], version: 0, history: [] });
  });

  it('is replaced whole, normalised, and each replacement is kept with who made it and when', async () => {
    // Prepare
    const { deps, clock } = world();
    await replaceAllowedHosts(deps, { hosts: ['PMS.Example.com.', ' .partner.example ', 'pms.example.com'], actor: 'admin-1' });
    clock.advance(60_000);

    // Act
    const second = await replaceAllowedHosts(deps, { hosts: ['other.example'], actor: 'admin-2' });

    // Assess
    expect(second).toEqual({
      vendor: 'generic',
      hosts: ['other.example'],
      version: 2,
      updatedAt: '2026-03-01T10:01:00.000Z',
      updatedBy: 'admin-2',
      history: [
        { version: 2, at: '2026-03-01T10:01:00.000Z', by: 'admin-2', hosts: ['other.example'] },
        { version: 1, at: '2026-03-01T10:00:00.000Z', by: 'admin-1', hosts: ['.partner.example', 'pms.example.com'] },
      ],
    });
    expect(await getAllowedHosts(deps)).toEqual(second);
  });

  it('refuses anything but host names and .suffixes, naming each entry, and writes nothing', async () => {
    const { deps } = world();

    const error = await replaceAllowedHosts(deps, { hosts: ['ok.example', 'https://pms.example', 'pms.example:8443', '*.example.com', 'pms.example/api', ''], actor: 'a' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([1, 2, 3, 4, 5].map((i) => expect.objectContaining({ field: `body.hosts[${i}]` })));
    expect((await getAllowedHosts(deps)).version).toBe(0);
  });

  it("builds on another admin's replacement that landed first instead of overwriting it blindly", async () => {
    const { deps, allowedHosts } = world();
    allowedHosts.loseNextReplaces(1);

    const replaced = await replaceAllowedHosts(deps, { hosts: ['mine.example'], actor: 'admin-1' });

    expect(replaced.version).toBe(2);
    expect(replaced.history.map((h) => h.version)).toEqual([2]);
  });

  it('gives up with STORAGE_CONTENTION when the list keeps changing underneath', async () => {
    const { deps, allowedHosts } = world();
    allowedHosts.loseNextReplaces(3);

    await expect(replaceAllowedHosts(deps, { hosts: ['mine.example'], actor: 'admin-1' })).rejects.toBeInstanceOf(StorageContentionError);
  });
});
