import { Client } from '@smithy/core/client';

/**
 * A DynamoDB that stops answering (issue 12, "a storage stall longer than every step timeout"):
 * while armed, every DynamoDB SDK call in this process (the document client and the client under
 * it, by class name) is held before it is sent and goes out only when the stall is lifted, so its
 * effect lands late, after whoever sent it may have given up. The stall is lifted by the test, on
 * an outcome, never after a wall-clock time. Installed once by wrapping the SDK's one `send` (as
 * `local/stack/aws-call-counter.ts` does); unarmed, it only counts calls in flight.
 */
export interface StorageStall {
  arm(): void;
  /** Lets every held call go, and every later one through at once. */
  lift(): void;
  /** How many calls are held right now. */
  held(): number;
  /** Resolves when no DynamoDB call is in flight (held or sent). */
  quiet(): Promise<void>;
}

const DYNAMODB_CLIENTS = new Set(['DynamoDBClient', 'DynamoDBDocumentClient']);

let gate: Promise<void> | undefined;
let open: () => void = () => undefined;
let heldCalls = 0;
const inFlight = new Set<Promise<unknown>>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const send = Client.prototype.send as (...a: unknown[]) => Promise<unknown>;
  Client.prototype.send = function stalledSend(this: { constructor: { name: string } }, ...args: unknown[]) {
    if (!DYNAMODB_CLIENTS.has(this.constructor.name)) return send.apply(this, args);
    const waitFor = gate;
    const call = (async () => {
      if (waitFor) {
        heldCalls++;
        try {
          await waitFor;
        } finally {
          heldCalls--;
        }
      }
      return send.apply(this, args);
    })();
    const tracked = call.catch(() => undefined).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return call;
  } as typeof Client.prototype.send;
}

export function storageStall(): StorageStall {
  install();
  return {
    arm() {
      if (gate) return;
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    lift() {
      gate = undefined;
      open();
    },
    held: () => heldCalls,
    async quiet() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
