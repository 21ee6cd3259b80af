/**
 * How long each start-up step took, printed with `Ready` so a slow start says where it went.
 * Steps run one after another, except DynamoDB Local, whose Java boots while the simulators start,
 * the modules load and the demo hotels are read from the PMS: the wait for it is a step, and the
 * note beside it says how long the boot itself took.
 */
export class StartupPhases {
  /** `2.8 s`: milliseconds as the line prints them. */
  static seconds(ms: number): string {
    return seconds(ms);
  }

  private readonly done: string[] = [];
  private last: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  /** Ends the step that started when the previous one ended; `note` adds what ran alongside it. */
  phase(name: string, note?: string): void {
    const at = this.now();
    this.done.push(`${name} ${seconds(at - this.last)}${note ? ` (${note})` : ''}`);
    this.last = at;
  }

  toString(): string {
    return this.done.join(', ');
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
