import { Aws, CfnOutput, Duration, Lazy, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { PMS_VENDORS } from '../../shared/domain/pms.ts';
import type { RouteDefinition } from '../../shared/http/route.ts';
import { routeList } from '../../shared/http/route-table.ts';
import { queues as queueTable, type QueueDefinition } from '../../shared/queues/queue-table.ts';
import { schedules as scheduleTable, type ScheduleDefinition } from '../../shared/schedules/schedule-table.ts';
import type { InfraConfig } from '../config.ts';
import { ALARM_PERIOD, OperationalAlarms } from '../constructs/alarms.ts';
import { CheckoutSaga } from '../constructs/checkout-saga.ts';
import { SagaStateMachine } from '../constructs/saga-state-machine.ts';
import { CANCELLATION_STATE_MACHINE, MODIFICATION_STATE_MACHINE } from '../../shared/saga/state-machines.ts';
import { DomainEventBus } from '../constructs/domain-event-bus.ts';
import { EdgeWebAcl } from '../constructs/edge-web-acl.ts';
import { GuestMail } from '../constructs/guest-mail.ts';
import type { FunctionDefaults } from '../constructs/handler-function.ts';
import { HotelHttpApi } from '../constructs/http-api.ts';
import { PermissionRegistry } from '../constructs/permission-registry.ts';
import { QueueConsumers } from '../constructs/queue-consumers.ts';
import { SagaDeadLetterQueue } from '../constructs/saga-dead-letter-queue.ts';
import { ScheduledJobs } from '../constructs/scheduled-jobs.ts';
import { CONSOLE_PATH, WebDistribution } from '../constructs/web-distribution.ts';

/** `POWERTOOLS_SERVICE_NAME` of every function. */
export const SERVICE_NAME = 'hotel-booking';

export interface ApiStackProps extends StackProps {
  config: InfraConfig;
  /** From the data stack. */
  table: ITableV2;
  tableIndexNames: readonly string[];
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** From the data stack: wraps the data keys that seal PMS credentials (`pms:credentials`). */
  pmsCredentialsKey: kms.IKey;
  /** From the data stack: the Stripe secret key (`payments:secret`). */
  stripeSecret: secretsmanager.ISecret;
  /** From the data stack: the fallback webhook secret (`webhooks:secret`). */
  webhookSecret: secretsmanager.ISecret;
  /** @default routeList from shared/http/route-table.ts */
  routes?: readonly RouteDefinition[];
  /** @default schedules from shared/schedules/schedule-table.ts */
  schedules?: readonly ScheduleDefinition[];
  /** @default queues from shared/queues/queue-table.ts */
  queues?: readonly QueueDefinition[];
  /** The built console to host; default: built during synth (`builtConsole()`). Tests pass a placeholder. */
  consoleSource?: s3deploy.ISource;
  /**
   * The CLOUDFRONT-scope web ACL's ARN, when another stack in us-east-1 holds it (an API stack in
   * another Region, `build-app.ts`). Absent: the ACL is created here, which CloudFront accepts only
   * when this stack deploys to us-east-1.
   */
  webAclArn?: string;
}

/**
 * The stateless half: every function, the HTTP API, the scheduled jobs, the checkout saga, the
 * event bus, the queues and the alarms. Nothing here holds data that outlives a redeploy (the key
 * and the secret it uses live in the data stack), so the stack can be destroyed and redeployed.
 *
 * Order matters: a function receives its grants when it is created, so every construct that
 * answers a permission registers it on `access` before the functions that may declare it. The
 * resources first (bus, guest mail, saga dead-letter queue, the data stack's key and secret), then the state
 * machine (its tasks publish, dead-letter, pay and call the PMS; it provides `saga:start`), then
 * the queues (their send permissions before their consumers), then routes and jobs, which may use
 * all of it; the alarms watch the result.
 */
export class ApiStack extends Stack {
  /** Declared permission -> grant; the table ones are built in. */
  readonly access: PermissionRegistry;
  /** What every function of this stack shares: permissions registry, log retention, log level, service name, common variables. */
  readonly functionDefaults: FunctionDefaults;
  readonly eventBus: DomainEventBus;
  /** SES identity and configuration set of guest mail (`mail:send`). */
  readonly guestMail: GuestMail;
  readonly sagaDeadLetterQueue: SagaDeadLetterQueue;
  readonly checkoutSaga: CheckoutSaga;
  /** The booking lifecycle's sagas (issue 8): cancellation (also no-shows and refunds owed) and modification. */
  readonly cancellationSaga: SagaStateMachine;
  readonly modificationSaga: SagaStateMachine;
  readonly queueConsumers: QueueConsumers;
  readonly httpApi: HotelHttpApi;
  readonly scheduledJobs: ScheduledJobs;
  readonly alarms: OperationalAlarms;
  /** The key material of the pagination cursors (`cursor:secret`, `shared/http/cursor.ts`). */
  readonly cursorSecret: secretsmanager.Secret;
  /** The Cognito managed login (authorization code + PKCE) the console signs in with. */
  readonly authDomain: cognito.UserPoolDomain;
  readonly consoleClient: cognito.UserPoolClient;
  /** The client rate limits at the edge, when created in this stack (see `webAclArn`). */
  readonly edgeWebAcl?: EdgeWebAcl;
  /** CloudFront: the console from S3 and the API under /api/, one origin. */
  readonly web: WebDistribution;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.access = new PermissionRegistry(props.table, props.tableIndexNames);
    this.functionDefaults = {
      access: this.access,
      logRetention: toRetentionDays(props.config.logRetentionDays),
      logLevel: props.config.logLevel,
      serviceName: SERVICE_NAME,
      // Only variables shared/config/config.ts reads. PMS_WEBHOOK_SECRET is deliberately absent: a
      // secret must not sit in a template and the Lambda console (docs/deploy.md).
      // PMS_ALLOW_PRIVATE_HOSTS is never set on AWS: PMS requests go to public addresses only.
      commonEnvironment: {
        HOLD_TTL_SECONDS: String(props.config.holdTtlSeconds),
        ...(props.config.pmsCloudbedsAllowedHosts ? { PMS_CLOUDBEDS_ALLOWED_HOSTS: props.config.pmsCloudbedsAllowedHosts } : {}),
        ...(props.config.pmsOperaAllowedHosts ? { PMS_OPERA_ALLOWED_HOSTS: props.config.pmsOperaAllowedHosts } : {}),
        ...(props.config.pmsCloudbedsRequestsPerSecond ? { PMS_CLOUDBEDS_REQUESTS_PER_SECOND: String(props.config.pmsCloudbedsRequestsPerSecond) } : {}),
      },
    };

    this.eventBus = new DomainEventBus(this, 'Events', { access: this.access, stage: props.config.stage });
    this.guestMail = new GuestMail(this, 'GuestMail', {
      access: this.access,
      stage: props.config.stage,
      mailFrom: props.config.mailFrom,
      ...(props.config.mailDomain ? { mailDomain: props.config.mailDomain } : {}),
    });
    this.sagaDeadLetterQueue = new SagaDeadLetterQueue(this, 'SagaDeadLetters', { access: this.access });
    this.provideDataStackSecrets(props);
    this.cursorSecret = this.provideCursorSecret();
    this.checkoutSaga = new CheckoutSaga(this, 'CheckoutSaga', this.functionDefaults);
    this.cancellationSaga = new SagaStateMachine(this, 'CancellationSaga', { ...this.functionDefaults, machine: CANCELLATION_STATE_MACHINE });
    this.modificationSaga = new SagaStateMachine(this, 'ModificationSaga', { ...this.functionDefaults, machine: MODIFICATION_STATE_MACHINE });
    this.queueConsumers = new QueueConsumers(this, 'Queues', { ...this.functionDefaults, queues: props.queues ?? queueTable, eventBus: this.eventBus.bus });
    // The console's client names the distribution's URL, and the API's authorizer names the client:
    // the URL is read lazily, when the distribution below exists.
    this.authDomain = this.createAuthDomain(props);
    this.consoleClient = this.createConsoleClient(props);
    this.httpApi = this.createHttpApi(props);
    if (!props.webAclArn) this.edgeWebAcl = new EdgeWebAcl(this, 'EdgeRateLimits', { name: `hotel-booking-${props.config.stage}-edge` });
    this.web = new WebDistribution(this, 'Web', {
      api: this.httpApi.api,
      webAclArn: props.webAclArn ?? this.edgeWebAcl!.webAcl.attrArn,
      authDomainUrl: this.authDomain.baseUrl(),
      consoleClientId: this.consoleClient.userPoolClientId,
      ...(props.consoleSource ? { consoleSource: props.consoleSource } : {}),
    });
    this.scheduledJobs = this.createScheduledJobs(props.schedules ?? scheduleTable);
    this.alarms = this.createAlarms(props);

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Invoke URL; routes start with /api/' });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.web.url}${CONSOLE_PATH}/`, description: 'The admin console; the API is under /api/ on the same origin' });
    new CfnOutput(this, 'AuthDomainUrl', { value: this.authDomain.baseUrl(), description: 'Cognito managed login' });
    new CfnOutput(this, 'ConsoleClientId', { value: this.consoleClient.userPoolClientId });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: props.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'StateMachineArn', { value: this.checkoutSaga.stateMachine.stateMachineArn });
    new CfnOutput(this, 'CancellationStateMachineArn', { value: this.cancellationSaga.stateMachine.stateMachineArn });
    new CfnOutput(this, 'ModificationStateMachineArn', { value: this.modificationSaga.stateMachine.stateMachineArn });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.bus.eventBusName });
    new CfnOutput(this, 'SagaDeadLetterQueueUrl', { value: this.sagaDeadLetterQueue.queue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe to get alarm notifications' });
  }

  /**
   * `payments:secret`: read the Stripe secret, nothing else on it. `pms:credentials`: exactly the
   * two KMS calls the envelope cipher makes (`GenerateDataKey` to seal, `Decrypt` to open), not
   * `grantEncryptDecrypt`'s re-encrypt family.
   */
  private provideDataStackSecrets(props: ApiStackProps): void {
    this.access.provide('payments:secret', (fn) => {
      props.stripeSecret.grantRead(fn);
      fn.addEnvironment('STRIPE_SECRET_ARN', props.stripeSecret.secretArn);
    });
    this.access.provide('webhooks:secret', (fn) => {
      props.webhookSecret.grantRead(fn);
      fn.addEnvironment('PMS_WEBHOOK_SECRET_ARN', props.webhookSecret.secretArn);
    });
    this.access.provide('pms:credentials', (fn) => {
      props.pmsCredentialsKey.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
      fn.addEnvironment('PMS_CREDENTIALS_KMS_KEY_ID', props.pmsCredentialsKey.keyArn);
    });
    // `pms:egress`: the shared PMS rate-limit slots and the generic host allow-list, by leading key only.
    this.access.provide('pms:egress', (fn) => {
      iam.Grant.addToPrincipal({
        grantee: fn,
        actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'],
        resourceArns: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PMSRATE#*', 'PMSHOSTS#*'] } },
      });
    });
  }

  /**
   * `cursor:secret`: the key of the pagination cursors, generated by Secrets Manager and read once
   * per cold start by the functions of keyset-paginated lists. It guards no stored data (losing or
   * rotating it only invalidates cursors in flight, which answer 400 BAD_CURSOR and clients start
   * over), so it lives in this stateless stack and goes with it.
   */
  private provideCursorSecret(): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: `${this.stackName}: key material of the API's pagination cursors`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.access.provide('cursor:secret', (fn) => {
      secret.grantRead(fn);
      fn.addEnvironment('CURSOR_SECRET_ARN', secret.secretArn);
    });
    return secret;
  }

  /** Cognito's managed login on a prefix domain (`authDomainPrefix`, else hotel-booking-<stage>-<account>). */
  private createAuthDomain(props: ApiStackProps): cognito.UserPoolDomain {
    const domain = new cognito.UserPoolDomain(this, 'AuthDomain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.config.authDomainPrefix ?? `hotel-booking-${props.config.stage}-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    return domain;
  }

  /**
   * The console's app client: authorization code with PKCE (no secret: a browser cannot keep
   * one), OpenID scopes, the distribution's callback and sign-out URLs, and Cognito's own managed
   * login style. Its ID tokens carry `cognito:groups`, which the API's authorizer accepts.
   */
  private createConsoleClient(props: ApiStackProps): cognito.UserPoolClient {
    const consoleUrl = (path: string) => Lazy.string({ produce: () => `${this.web.url}${CONSOLE_PATH}${path}` });
    const client = new cognito.UserPoolClient(this, 'ConsoleClient', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [consoleUrl('/callback')],
        logoutUrls: [consoleUrl('/')],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    new cognito.CfnManagedLoginBranding(this, 'ConsoleLoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    return client;
  }

  private createHttpApi(props: ApiStackProps): HotelHttpApi {
    return new HotelHttpApi(this, 'Http', {
      ...this.functionDefaults,
      routes: props.routes ?? routeList,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
      extraUserPoolClients: [this.consoleClient],
      allowedOrigins: props.config.allowedOrigins,
    });
  }

  private createScheduledJobs(schedules: readonly ScheduleDefinition[]): ScheduledJobs {
    return new ScheduledJobs(this, 'Schedules', { ...this.functionDefaults, schedules });
  }

  private createAlarms(props: ApiStackProps): OperationalAlarms {
    return new OperationalAlarms(this, 'Alarms', {
      stage: props.config.stage,
      serviceName: SERVICE_NAME,
      vendors: PMS_VENDORS,
      sagaDeadLetterQueue: this.sagaDeadLetterQueue.queue,
      queueDeadLetterQueues: new Map(
        [...this.queueConsumers.consumers].map(([queueId, consumer]) => [queueId, consumer.deadLetterQueue]),
      ),
      stateMachine: this.checkoutSaga.stateMachine,
      sagaUnexpectedFailures: this.checkoutSaga.unexpectedFailures.metric({
        statistic: 'Sum',
        period: ALARM_PERIOD,
      }),
      otherSagas: [this.cancellationSaga, this.modificationSaga].map((saga) => ({
        id: saga.machine.id,
        stateMachine: saga.stateMachine,
        unexpectedFailures: saga.unexpectedFailures.metric({ statistic: 'Sum', period: ALARM_PERIOD }),
      })),
      ...(props.config.alarmEmail ? { alarmEmail: props.config.alarmEmail } : {}),
    });
  }
}

/** The config validated the number against CloudWatch's list, and `RetentionDays` values are those numbers. */
function toRetentionDays(days: number): logs.RetentionDays {
  return days as logs.RetentionDays;
}
