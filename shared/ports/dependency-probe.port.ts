/**
 * One dependency the health check looks at. `check` resolves when the dependency answers and
 * throws when it does not; it must cost no write (the check runs on every probe of a load
 * balancer or a monitor).
 */
export interface DependencyProbe {
  readonly name: string;
  check(): Promise<void>;
}
