import { changeJournalDeps } from '#composition/lifecycle-steps.deps.ts';
import { sagaTask } from '#saga/saga-task-handler.ts';
import { abandonChange } from '#use-cases/bookings/lifecycle/change-steps.ts';

export const handler = sagaTask(abandonChange, changeJournalDeps);
