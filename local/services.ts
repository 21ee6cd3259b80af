import type { FaultRegistry } from './simulators/fault-registry.ts';
import type { HandlerLoader, LocalRoute } from './http-server.ts';

/**
 * The extra processes-in-process of the local stack: the PMS simulator, the payment gateway
 * simulator, and whatever else stands in for a cloud or vendor service. `npm start` starts them in
 * list order before the HTTP API and stops them in reverse order. To add one, append it to
 * `localServices`.
 */
export interface LocalServiceContext {
  /** Bind here: the local stack listens on loopback only. */
  host: '127.0.0.1';
  /** The stack's one fault registry, shared by every simulator and the `/_local/faults` route. */
  faults: FaultRegistry;
  region: string;
  /** `--data-dir`, when data should survive a restart; in memory otherwise. */
  dataDir?: string;
  /**
   * Registers a `/_local/...` endpoint on the HTTP API (it is mounted once the API listens).
   * For controls a test or an evaluator drives over HTTP, e.g. `POST /_local/faults`.
   */
  addLocalRoute(route: LocalRoute): void;
  /**
   * Loads a Lambda handler (`functions/<path>.ts`) with the same cache the API uses, for services
   * that invoke handlers themselves (a Step Functions interpreter). Call it only after `start`
   * returned: the environment is complete only once every service has started.
   */
  loadHandler: HandlerLoader;
}

export interface LocalServiceStarted {
  /** Where it listens, printed at start-up. */
  url: string;
  /**
   * Variables merged into `process.env` before any handler loads, e.g.
   * `{ PMS_BASE_URL: url }`, so handlers find the simulator exactly as they find the vendor on AWS.
   */
  env?: Record<string, string>;
}

export interface LocalService {
  name: string;
  start(ctx: LocalServiceContext): Promise<LocalServiceStarted>;
  stop(): Promise<void>;
}

export const localServices: LocalService[] = [];
