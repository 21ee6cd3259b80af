import { Tags, type App, type Environment } from 'aws-cdk-lib';
import type { RouteDefinition } from '../shared/http/route.ts';
import type { ScheduleDefinition } from '../shared/schedules/schedule-table.ts';
import type { InfraConfig } from './config.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

export interface BuildAppOptions {
  /** Replace the route table (tests). @default routeList */
  routes?: readonly RouteDefinition[];
  /** Replace the schedule table (tests inject a job while the real table is empty). @default schedules */
  schedules?: readonly ScheduleDefinition[];
}

export interface HotelBookingStacks {
  data: DataStack;
  api: ApiStack;
}

/**
 * Adds the app's stacks to `app`: the stateful data stack and the stateless API stack that uses
 * it. `infra/app.ts` calls this for `cdk synth`/`deploy`; the tests call it to inspect the very
 * same stacks. Stack names carry the stage: `HotelBooking-dev-Data`, `HotelBooking-dev-Api`.
 */
export function buildApp(app: App, config: InfraConfig, options: BuildAppOptions = {}): HotelBookingStacks {
  const env: Environment = {
    ...(config.account ? { account: config.account } : {}),
    ...(config.region ? { region: config.region } : {}),
  };
  const prefix = `HotelBooking-${config.stage}`;

  const data = new DataStack(app, `${prefix}-Data`, {
    stackName: `${prefix}-Data`,
    description: `Hotel booking (${config.stage}): DynamoDB table and Cognito user pool (retained)`,
    env,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    stackName: `${prefix}-Api`,
    description: `Hotel booking (${config.stage}): HTTP API, functions and scheduled jobs`,
    env,
    config,
    table: data.table,
    tableIndexNames: data.tableIndexNames,
    userPool: data.userPool,
    userPoolClient: data.userPoolClient,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.schedules ? { schedules: options.schedules } : {}),
  });
  // Implied by the references already; stated so the deploy order survives a refactor.
  api.addStackDependency(data, 'the API uses the table and the user pool');

  Tags.of(app).add('project', 'hotel-booking');
  Tags.of(app).add('stage', config.stage);
  return { data, api };
}
