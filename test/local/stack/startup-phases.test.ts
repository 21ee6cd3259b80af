import { describe, expect, it } from 'vitest';
import { StartupPhases } from '../../../local/stack/startup-phases.ts';

describe('StartupPhases', () => {
  it('times each step from the end of the one before, on its clock, with a note for what ran alongside', () => {
    let now = 1_000;
    const phases = new StartupPhases(() => now);

    now = 1_040;
    phases.phase('checks');
    now = 1_840;
    phases.phase('services and modules');
    now = 3_850;
    phases.phase('wait for DynamoDB Local', `its boot took ${StartupPhases.seconds(2_810)}`);

    expect(phases.toString()).toBe('checks 0.0 s, services and modules 0.8 s, wait for DynamoDB Local 2.0 s (its boot took 2.8 s)');
  });
});
