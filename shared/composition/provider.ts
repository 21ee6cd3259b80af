/**
 * A process-wide dependency built on first use: a Lambda cold start pays only for what its
 * handler reaches, and a function that never publishes an event never needs EVENT_BUS_NAME.
 * Tests and the local runtime swap a provider's value with `override`, and `resetProviders`
 * forgets every built value when the configuration changes.
 */
export interface Provider<T> {
  (): T;
  /** Replaces the value (a test's fake); `undefined` goes back to building it. */
  override(value: T | undefined): void;
}

const registry = new Set<{ reset(): void }>();

export function provider<T>(build: () => T): Provider<T> {
  let built = false;
  let value: T | undefined;
  let overridden: { value: T } | undefined;
  const get = (() => {
    if (overridden) return overridden.value;
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  }) as Provider<T>;
  get.override = (next) => {
    overridden = next === undefined ? undefined : { value: next };
  };
  registry.add({
    reset() {
      built = false;
      value = undefined;
      overridden = undefined;
    },
  });
  return get;
}

/**
 * Like `provider`, for values that need I/O to build (a secret from Secrets Manager). A failed
 * build is forgotten, so the next invocation tries again instead of failing until a cold start.
 */
export function asyncProvider<T>(build: () => Promise<T>): Provider<Promise<T>> {
  let pending: Promise<T> | undefined;
  const inner = /* @__PURE__ */ provider(() => {
    pending ??= build().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  });
  const get = (() => inner()) as Provider<Promise<T>>;
  get.override = (next) => inner.override(next);
  registry.add({
    reset() {
      pending = undefined;
    },
  });
  return get;
}

/** Forgets every built and overridden value; the next call builds from the current configuration. */
export function resetProviders(): void {
  for (const entry of registry) entry.reset();
}
