import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../../shared/schedules/schedule-table.ts';
import { constructIdOf, functionDefaultsOf, HandlerFunction, type FunctionDefaults } from './handler-function.ts';

/** Jobs are not behind API Gateway, so they may run longer than a request; a minute bounds a stuck run. */
export const SCHEDULED_FUNCTION_TIMEOUT = Duration.seconds(60);

export interface ScheduledJobsProps extends FunctionDefaults {
  schedules: readonly ScheduleDefinition[];
}

export interface ScheduledJob {
  definition: ScheduleDefinition;
  function: HandlerFunction;
  rule: events.Rule;
}

/**
 * One function and one EventBridge rule per entry of the schedule table. The rule retries a
 * failed invocation twice and drops an event older than the job's own period, since the next run
 * does the same work anyway.
 */
export class ScheduledJobs extends Construct {
  /** Keyed by the schedule's `id`. */
  readonly jobs: ReadonlyMap<string, ScheduledJob>;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    const jobs = new Map<string, ScheduledJob>();
    for (const definition of props.schedules) {
      if (jobs.has(definition.id)) throw new Error(`Schedule ${definition.id} is defined twice.`);
      if (!Number.isInteger(definition.everyMinutes) || definition.everyMinutes < 1) {
        throw new Error(`Schedule ${definition.id}: everyMinutes must be a whole number of minutes >= 1.`);
      }
      const constructId = constructIdOf(definition.id);
      const fn = new HandlerFunction(this, `${constructId}Function`, {
        ...functionDefaultsOf(props),
        handler: definition.handler,
        permissions: definition.permissions,
        description: `Scheduled ${definition.id}: ${definition.description}`.slice(0, 256),
        timeout: SCHEDULED_FUNCTION_TIMEOUT,
      });
      const rule = new events.Rule(this, `${constructId}Rule`, {
        description: definition.description.slice(0, 512),
        schedule: events.Schedule.rate(Duration.minutes(definition.everyMinutes)),
        targets: [
          new targets.LambdaFunction(fn, {
            retryAttempts: 2,
            maxEventAge: Duration.minutes(Math.min(definition.everyMinutes, 24 * 60)),
          }),
        ],
      });
      jobs.set(definition.id, { definition, function: fn, rule });
    }
    this.jobs = jobs;
  }
}
