/**
 * Runs `task` on every item with at most `limit` in flight, in item order, and settles when all
 * are done; the first failure rejects (the tasks already started still finish on their own).
 * For many independent writes (a year of nights) that one at a time would outlast a request.
 */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  });
  await Promise.all(workers);
}
