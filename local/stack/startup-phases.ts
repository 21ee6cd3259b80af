/**
 * How long each start-up step took, printed with `Ready` so a slow start says where it went.
 * Steps run one after another, except DynamoDB Local, whose Java boots while the simulators start
 * and the modules load: its time is reported as its own, beside theirs.
 */
export class StartupPhases {
  private readonly done: string[] = [];
  private last: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  /** Ends the step that started when the previous one ended. */
  phase(name: string): void {
    const at = this.now();
    this.done.push(`${name} ${seconds(at - this.last)}`);
    this.last = at;
  }

  /** Records a step that ran alongside the others, measured by the caller. */
  parallel(name: string, ms: number, alongside: string): void {
    this.done.push(`${name} ${seconds(ms)} alongside ${alongside}`);
  }

  toString(): string {
    return this.done.join(', ');
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
