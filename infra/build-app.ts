import { Stack, Tags, type App, type Environment } from 'aws-cdk-lib';
import type * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { RouteDefinition } from '../shared/http/route.ts';
import type { QueueDefinition } from '../shared/queues/queue-table.ts';
import type { ScheduleDefinition } from '../shared/schedules/schedule-table.ts';
import type { InfraConfig } from './config.ts';
import { EdgeWebAcl } from './constructs/edge-web-acl.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

export interface BuildAppOptions {
  /** Replace the route table (tests). @default routeList */
  routes?: readonly RouteDefinition[];
  /** Replace the schedule table (tests inject a job while the real table is empty). @default schedules */
  schedules?: readonly ScheduleDefinition[];
  /** Replace the queue table (tests inject a queue while the real table is empty). @default queues */
  queues?: readonly QueueDefinition[];
  /** The console to host (tests: `placeholderConsole()`). @default built during synth */
  consoleSource?: s3deploy.ISource;
}

export interface HotelBookingStacks {
  data: DataStack;
  api: ApiStack;
  /** The web ACL's own stack in us-east-1, when the API is deployed to another Region. */
  edge?: Stack;
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
    description: `Hotel booking (${config.stage}): DynamoDB table, Cognito user pool, PMS credentials key, Stripe secret (retained)`,
    env,
  });
  // CloudFront takes only web ACLs of scope CLOUDFRONT, which live in us-east-1: an API elsewhere
  // gets them from a small stack there (a cross-Region reference, so the Region must be known).
  const edge = config.region && config.region !== 'us-east-1' ? new Stack(app, `${prefix}-Edge`, {
    stackName: `${prefix}-Edge`,
    description: `Hotel booking (${config.stage}): the CloudFront web ACL with the client rate limits (us-east-1)`,
    env: { ...(config.account ? { account: config.account } : {}), region: 'us-east-1' },
    crossRegionReferences: true,
  }) : undefined;
  const edgeAcl = edge ? new EdgeWebAcl(edge, 'EdgeRateLimits', { name: `hotel-booking-${config.stage}-edge` }) : undefined;
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...(edgeAcl ? { webAclArn: edgeAcl.webAcl.attrArn, crossRegionReferences: true } : {}),
    ...(options.consoleSource ? { consoleSource: options.consoleSource } : {}),
    stackName: `${prefix}-Api`,
    description: `Hotel booking (${config.stage}): HTTP API, functions, checkout saga, jobs, queues, event bus and alarms`,
    env,
    config,
    table: data.table,
    tableIndexNames: data.tableIndexNames,
    userPool: data.userPool,
    userPoolClient: data.userPoolClient,
    pmsCredentialsKey: data.pmsCredentialsKey,
    stripeSecret: data.stripeSecret,
    webhookSecret: data.webhookSecret,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.schedules ? { schedules: options.schedules } : {}),
    ...(options.queues ? { queues: options.queues } : {}),
  });
  // Implied by the references already; stated so the deploy order survives a refactor.
  api.addStackDependency(data, 'the API uses the table, the user pool, the PMS credentials key and the Stripe secret');

  Tags.of(app).add('project', 'hotel-booking');
  Tags.of(app).add('stage', config.stage);
  return { data, api, ...(edge ? { edge } : {}) };
}
