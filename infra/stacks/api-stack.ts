import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { routeList } from '../../shared/http/route-table.ts';
import { schedules as scheduleTable, type ScheduleDefinition } from '../../shared/schedules/schedule-table.ts';
import type { InfraConfig } from '../config.ts';
import type { FunctionDefaults } from '../constructs/handler-function.ts';
import { HotelHttpApi } from '../constructs/http-api.ts';
import { PermissionRegistry } from '../constructs/permission-registry.ts';
import { ScheduledJobs } from '../constructs/scheduled-jobs.ts';

/** `POWERTOOLS_SERVICE_NAME` of every function. */
export const SERVICE_NAME = 'hotel-booking';

export interface ApiStackProps extends StackProps {
  config: InfraConfig;
  /** From the data stack. */
  table: ITableV2;
  tableIndexNames: readonly string[];
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** @default routeList from shared/http/route-table.ts */
  routes?: readonly RouteDefinition[];
  /** @default schedules from shared/schedules/schedule-table.ts */
  schedules?: readonly ScheduleDefinition[];
}

/**
 * The stateless half: every function, the HTTP API and the scheduled jobs. Nothing here holds
 * data, so the stack can be destroyed and redeployed at will. Each concern is its own construct
 * (`HotelHttpApi`, `ScheduledJobs`). A later concern (event bus, queues, the checkout state
 * machine) gets its own construct too, created in the constructor BEFORE the HTTP API and the
 * jobs, takes `functionDefaults` for any function it runs, and registers the permission it answers
 * on `access` (e.g. `access.provide('saga:start', ...)`) so routes declaring it get the grant.
 */
export class ApiStack extends Stack {
  /** Declared permission -> grant; the table ones are built in. */
  readonly access: PermissionRegistry;
  /** What every function of this stack shares: permissions registry, log retention, log level, service name. */
  readonly functionDefaults: FunctionDefaults;
  readonly httpApi: HotelHttpApi;
  readonly scheduledJobs: ScheduledJobs;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.access = new PermissionRegistry(props.table, props.tableIndexNames);
    this.functionDefaults = {
      access: this.access,
      logRetention: toRetentionDays(props.config.logRetentionDays),
      logLevel: props.config.logLevel,
      serviceName: SERVICE_NAME,
    };
    // Resources that provide permissions (bus, queues, state machine) go here, before their users.
    this.httpApi = this.createHttpApi(props);
    this.scheduledJobs = this.createScheduledJobs(props.schedules ?? scheduleTable);

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Invoke URL; routes start with /api/' });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: props.userPoolClient.userPoolClientId });
  }

  private createHttpApi(props: ApiStackProps): HotelHttpApi {
    return new HotelHttpApi(this, 'Http', {
      ...this.functionDefaults,
      routes: props.routes ?? routeList,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
      allowedOrigins: props.config.allowedOrigins,
    });
  }

  private createScheduledJobs(schedules: readonly ScheduleDefinition[]): ScheduledJobs {
    return new ScheduledJobs(this, 'Schedules', { ...this.functionDefaults, schedules });
  }
}

/** The config validated the number against CloudWatch's list, and `RetentionDays` values are those numbers. */
function toRetentionDays(days: number): logs.RetentionDays {
  return days as logs.RetentionDays;
}
