import type { SagaStarter } from '../../../shared/ports/saga-starter.port.ts';
import { Failures } from './failures.ts';

/**
 * Executions by name, like Step Functions: starting a name that exists is not an error and does
 * not start a second execution (the port's contract). `starts` counts every call, `executions`
 * keeps the first input of each name.
 */
export class FakeSagaStarter implements SagaStarter {
  readonly executions = new Map<string, Record<string, unknown>>();
  readonly starts: { name: string; input: Record<string, unknown> }[] = [];
  readonly failures = new Failures<'start'>();

  async start(name: string, input: Record<string, unknown>): Promise<void> {
    this.starts.push({ name, input: structuredClone(input) });
    await this.failures.run('start', () => {
      if (!this.executions.has(name)) this.executions.set(name, structuredClone(input));
    });
  }
}
