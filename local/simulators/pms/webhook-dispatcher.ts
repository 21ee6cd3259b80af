import type { WebhookDelivery } from './webhooks.ts';

/**
 * Every webhook the simulated PMS sends by itself goes through here, so that a test or a person
 * can make deliveries misbehave the way real ones do (at least once, in no particular order):
 * `duplicate` sends each affected webhook twice (same event id and body, as a retry would),
 * `delayMs` holds each one back so that later ones overtake it, `hold` keeps them until
 * `release()` sends them, oldest or newest first. `times` webhooks are affected, then deliveries
 * are normal again. Nothing here looks at the wall clock: waits go through the simulator's `sleep`.
 */
export type WebhookVendor = 'generic' | 'cloudbeds';

export interface WebhookDisorder {
  /** Send each affected webhook twice. */
  duplicate?: boolean;
  /** Wait this long (the simulator's delay) before sending each affected webhook. */
  delayMs?: number;
  /** Keep each affected webhook until `release()`. */
  hold?: boolean;
  /** How many webhooks (before duplication) are affected. Default 1. */
  times?: number;
  /** Only webhooks of this vendor's receivers. */
  vendor?: WebhookVendor;
}

export type ReleaseOrder = 'sent' | 'reverse';

interface Held {
  send: () => Promise<WebhookDelivery>;
  copies: number;
}

export interface WebhookDispatcherOptions {
  /** Resolves true after `ms`, false when the simulator stops meanwhile. */
  sleep(ms: number): Promise<boolean>;
  /** Registers a send still under way, so `flushWebhooks()` and `stop()` can wait for it. */
  track<T>(p: Promise<T>): Promise<T>;
  /** Where every delivery is recorded, oldest first. */
  deliveries: WebhookDelivery[];
}

export class WebhookDispatcher {
  private disorder: (Required<Omit<WebhookDisorder, 'vendor'>> & { vendor?: WebhookVendor }) | undefined;
  private readonly held: Held[] = [];

  constructor(private readonly options: WebhookDispatcherOptions) {}

  /** Arms a disorder for the next webhooks; replaces the one armed before. */
  setDisorder(spec: WebhookDisorder): void {
    const times = Math.max(0, Math.floor(spec.times ?? 1));
    this.disorder =
      times === 0
        ? undefined
        : { duplicate: spec.duplicate === true, delayMs: Math.max(0, spec.delayMs ?? 0), hold: spec.hold === true, times, ...(spec.vendor ? { vendor: spec.vendor } : {}) };
  }

  clearDisorder(): void {
    this.disorder = undefined;
  }

  /** What is armed and how many webhooks wait for `release()`. */
  status(): { disorder: WebhookDisorder | null; held: number } {
    return { disorder: this.disorder ? { ...this.disorder } : null, held: this.held.length };
  }

  /**
   * Sends one webhook (through `send`, which may be called more than once). Resolves with the
   * deliveries made now; deliveries that are held or delayed are not in it, and are recorded in
   * `deliveries` when they happen.
   */
  dispatch(vendor: WebhookVendor, send: () => Promise<WebhookDelivery>): Promise<WebhookDelivery[]> {
    const d = this.disorder;
    if (!d || (d.vendor !== undefined && d.vendor !== vendor)) return this.options.track(this.sendCopies(send, 1));
    d.times -= 1;
    if (d.times <= 0) this.disorder = undefined;
    const copies = d.duplicate ? 2 : 1;
    if (d.hold) {
      this.held.push({ send, copies });
      return Promise.resolve([]);
    }
    if (d.delayMs > 0) {
      void this.options.track(
        (async () => {
          if (await this.options.sleep(d.delayMs)) await this.sendCopies(send, copies);
        })(),
      );
      return Promise.resolve([]);
    }
    return this.options.track(this.sendCopies(send, copies));
  }

  /** Sends every held webhook, one after the other, in the order asked; resolves with their deliveries. */
  async release(order: ReleaseOrder = 'sent'): Promise<WebhookDelivery[]> {
    const batch = this.held.splice(0, this.held.length);
    if (order === 'reverse') batch.reverse();
    const sent: WebhookDelivery[] = [];
    for (const h of batch) sent.push(...(await this.options.track(this.sendCopies(h.send, h.copies))));
    return sent;
  }

  private async sendCopies(send: () => Promise<WebhookDelivery>, copies: number): Promise<WebhookDelivery[]> {
    const sent: WebhookDelivery[] = [];
    for (let i = 0; i < copies; i += 1) {
      const delivery = await send();
      this.options.deliveries.push(delivery);
      sent.push(delivery);
    }
    return sent;
  }
}
