import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnEventBus } from 'aws-cdk-lib/aws-events';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HandlerFunction, POWERTOOLS_VERSION, REPO_ROOT } from '../../../infra/constructs/handler-function.ts';
import { TABLE_WRITE_ACTIONS } from '../../../infra/constructs/permission-registry.ts';
import { routeKeyOf, usesAuthorizer, type RouteDefinition } from '../../../shared/http/route.ts';
import { routeList, routes } from '../../../shared/http/route-table.ts';
import { queues } from '../../../shared/queues/queue-table.ts';
import { allSagaTasks } from '../../../shared/saga/state-machines.ts';
import { schedules } from '../../../shared/schedules/schedule-table.ts';
import type { ScheduleDefinition } from '../../../shared/schedules/schedule-table.ts';
import { actionsOf, buildTestApp, functionResource, parameterValue, resourcesIn, roleStatements, templateOf, templatesOf, type TestApp } from '../build-test-app.ts';

const WRITE_ACTIONS: string[] = [...TABLE_WRITE_ACTIONS, 'dynamodb:TransactWriteItems'];

/** What a function's template value stands for in the API stack (a nested stack gets references as parameters). */
function inParent(fn: HandlerFunction, value: unknown): unknown {
  return parameterValue(Stack.of(fn).nestedStackParent ?? Stack.of(fn), Stack.of(fn), value);
}

/** Resources of `type` in the API stack and its nested stacks (where its functions live). */
function resourcesOfType(stack: Stack, type: string): Array<[string, { Properties: Record<string, any> }]> {
  return resourcesIn(stack, type);
}

/**
 * Our functions (routes, jobs, saga tasks, queue consumers), without CDK's own deploy-time
 * handler of the console's BucketDeployment (Python, CDK's settings; acknowledged in infra/nag.ts).
 */
function ourFunctions(stack: Stack): Array<[string, { Properties: Record<string, any> }]> {
  return resourcesOfType(stack, 'AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
}

describe('ApiStack built from the real route, schedule, saga and queue tables', () => {
  let built: TestApp;
  let template: Template;

  beforeAll(() => {
    built = buildTestApp();
    template = Template.fromStack(built.api);
    // Every route, job, saga task and queue consumer: over a minute on a busy 2-core machine.
  }, 180_000);

  it('has exactly one API Gateway route per route-table entry', () => {
    // prepare
    const expected = routeList.map(routeKeyOf).sort();

    // act
    const actual = resourcesOfType(built.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();

    // assess
    expect(actual).toEqual(expected);
  });

  it('leaves public and optional routes open and puts the JWT authorizer on every other one', () => {
    const byKey = new Map(
      resourcesOfType(built.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]),
    );

    for (const route of routeList) {
      const props = byKey.get(routeKeyOf(route))!;
      if (!usesAuthorizer(route.auth)) {
        expect(props.AuthorizationType, routeKeyOf(route)).toBe('NONE');
        expect(props.AuthorizerId, routeKeyOf(route)).toBeUndefined();
      } else {
        expect(props.AuthorizationType, routeKeyOf(route)).toBe('JWT');
      }
    }
  });

  it('gives every route its own function running the route handler', () => {
    const fns = built.api.httpApi.functions;

    expect([...fns.keys()].sort()).toEqual(routeList.map(routeKeyOf).sort());
    for (const route of routeList) expect(fns.get(routeKeyOf(route))!.handlerName).toBe(route.handler);
    expect(ourFunctions(built.api)).toHaveLength(routeList.length + schedules.length + allSagaTasks().length + queues.length);
    // ...and CDK's one BucketDeployment handler, shared by the console's two deployments.
    expect(resourcesOfType(built.api, 'AWS::Lambda::Function')).toHaveLength(routeList.length + schedules.length + allSagaTasks().length + queues.length + 1);
  });

  it('runs every function on Node.js 24, ARM64, with active tracing and its own log group with a retention', () => {
    const resources = Object.assign({}, ...templatesOf(built.api).map((t) => t.toJSON().Resources)) as Record<string, any>;
    const functions = ourFunctions(built.api);

    expect(functions.length).toBeGreaterThan(0);
    for (const [id, fn] of functions) {
      expect(fn.Properties.Runtime, id).toBe('nodejs24.x');
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.MemorySize, id).toBe(512);
      const logGroup = resources[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(logGroup.Type, id).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays, id).toBe(30);
    }
  });

  it('gives every function the Powertools layer of the version the code is built against', () => {
    const parameters = template.toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    const layerParameter = Object.entries(parameters).find(([, p]) => p.Default.startsWith('/aws/service/powertools/typescript/'));

    expect(layerParameter?.[1]).toEqual({ Type: 'AWS::SSM::Parameter::Value<String>', Default: `/aws/service/powertools/typescript/generic/all/${POWERTOOLS_VERSION}` });
    for (const [id, fn] of ourFunctions(built.api)) {
      expect(fn.Properties.Layers, id).toEqual([{ Ref: expect.any(String) }]);
    }
    // Each nested stack of functions gets the one layer from the API stack's parameter.
    for (const [id, nested] of resourcesOfType(built.api, 'AWS::CloudFormation::Stack')) {
      expect(Object.values(nested.Properties.Parameters ?? {}), id).toContainEqual({ Ref: layerParameter![0] });
    }
  });

  it('gives every route function 29 s, inside the 30 s API Gateway integration timeout', () => {
    for (const fn of built.api.httpApi.functions.values()) {
      expect(functionResource(template, fn).Properties.Timeout, fn.handlerName).toBe(29);
    }
  });

  it('sets the table name, Powertools settings and source maps on every function', () => {
    for (const [id, fn] of ourFunctions(built.api)) {
      const vars = fn.Properties.Environment.Variables;
      expect(Object.keys(vars), id).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL', 'NODE_OPTIONS']),
      );
      expect(vars.POWERTOOLS_LOG_LEVEL, id).toBe('INFO');
      expect(vars.NODE_OPTIONS, id).toBe('--enable-source-maps');
    }
  });

  it('grants no table access to functions without permissions and no writes to readers', () => {
    for (const route of routeList) {
      const fn = built.api.httpApi.functions.get(routeKeyOf(route))!;
      const actions = actionsOf(roleStatements(template, fn));
      const dynamo = actions.filter((a) => a.startsWith('dynamodb:'));

      if (route.permissions.length === 0) expect(dynamo, route.handler).toEqual([]);
      if (route.permissions.includes('table:read')) expect(dynamo, route.handler).toContain('dynamodb:Query');
      if (!route.permissions.includes('table:write')) {
        // pms:egress writes only the PMS rate-limit slots (its own, key-conditioned statement).
        const unconditioned = roleStatements(template, fn).filter((st) => !(st as { Condition?: unknown }).Condition);
        expect(actionsOf(unconditioned).filter((a) => WRITE_ACTIONS.includes(a)), route.handler).toEqual([]);
      }
    }
  });

  it('lets pms:egress touch only the PMS rate-limit slots and host allow-list, by leading key, and every PMS caller take slots', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const egress = functions.filter((fn) => fn.permissions.includes('pms:egress'));

    expect(egress.map((fn) => fn.handlerName)).toEqual(['admin/pms-fetch-hotel-data']);
    for (const fn of egress) {
      const statements = roleStatements(template, fn).filter((st) => actionsOf([st]).some((a) => a.startsWith('dynamodb:')));
      expect(statements, fn.handlerName).toEqual([
        expect.objectContaining({
          Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PMSRATE#*', 'PMSHOSTS#*'] } },
        }),
      ]);
    }
    // A function that reaches a PMS (credentials or egress) must be able to write its rate-limit slots.
    for (const fn of functions.filter((f) => f.permissions.includes('pms:credentials') || f.permissions.includes('pms:egress'))) {
      expect(fn.permissions.includes('table:write') || fn.permissions.includes('pms:egress'), fn.handlerName).toBe(true);
    }
  });

  it('uses a wildcard resource only for X-Ray, which has no resource-level permissions, and for the executions of the checkout saga (named at run time)', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);

    expect(functions.length).toBe(routeList.length + schedules.length + allSagaTasks().length + queues.length);
    for (const fn of functions) {
      const wildcard = roleStatements(template, fn).filter((s) => JSON.stringify(s.Resource).includes('*'));
      const executions = wildcard.filter((s) => JSON.stringify(s.Resource).includes(':execution:'));

      expect(actionsOf(wildcard.filter((s) => !executions.includes(s))).every((a) => a.startsWith('xray:')), fn.handlerName).toBe(true);
      expect(actionsOf(executions).sort(), fn.handlerName).toEqual(fn.handlerName === 'jobs/recover-stale-bookings' ? ['states:DescribeExecution', 'states:StopExecution'] : []);
    }
  });

  it('answers CORS preflights for the headers the clients send, with the rules the local server uses', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['*'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        ExposeHeaders: ['x-request-id', 'retry-after'],
        MaxAge: 600,
      }),
    });
  });

  it('throttles the default stage and writes JSON access logs to a retained-for-30-days log group', () => {
    const [[, stage]] = resourcesOfType(built.api, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
    const resources = template.toJSON().Resources as Record<string, any>;

    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 });
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId' });
    const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  it('outputs the API URL, the user pool ids, the state machine, the bus, the saga dead-letter queue and the alarm topic', () => {
    expect(Object.keys(template.toJSON().Outputs)).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'UserPoolId',
        'UserPoolClientId',
        'StateMachineArn',
        'EventBusName',
        'SagaDeadLetterQueueUrl',
        'AlarmTopicArn',
        'ConsoleUrl',
        'AuthDomainUrl',
        'ConsoleClientId',
      ]),
    );
  });

  it('gives the console a code-flow client without a secret, accepted by the authorizer, and writes its id and the login domain into config.json at deploy time', () => {
    // prepare
    const clientRef = { Ref: built.api.getLogicalId(built.api.consoleClient.node.defaultChild as CfnResource) };
    const domainRef = { Ref: built.api.getLogicalId(built.api.authDomain.node.defaultChild as CfnResource) };
    const pagesId = built.api.getLogicalId(built.api.web.pageDeployment.node.findChild('CustomResource').node.defaultChild as CfnResource);

    // act: the deployment substitutes these markers in config.json when it copies it to the bucket
    const markers = Object.values(Object.assign({}, ...template.toJSON().Resources[pagesId].Properties.SourceMarkers));

    // assess
    expect(markers).toEqual(expect.arrayContaining([clientRef, domainRef]));
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      GenerateSecret: false,
      CallbackURLs: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/console/callback'])] })],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: Match.objectLike({ Audience: Match.arrayWith([clientRef]) }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EdgeRateLimitsWebAcl'), 'Arn'] } }),
    });
  });

  it('creates one rule per schedule and one per bus-fed queue', () => {
    expect(resourcesOfType(built.api, 'AWS::Events::Rule')).toHaveLength(schedules.length + queues.filter((q) => q.events?.length).length);
  });

  it('feeds each bus-fed queue with a rule on the product bus for its detail-types, from our own source, dead-lettering undeliverable events', () => {
    const busId = built.api.getLogicalId(built.api.eventBus.bus.node.defaultChild as CfnEventBus);
    for (const definition of queues.filter((q) => q.events?.length)) {
      const consumer = built.api.queueConsumers.consumers.get(definition.id)!;
      const jobs = Stack.of(consumer.queue);
      const ruleProps = (templateOf(jobs).toJSON().Resources as Record<string, any>)[jobs.getLogicalId(consumer.rule!.node.defaultChild as CfnResource)].Properties;
      const queueId = jobs.getLogicalId(consumer.queue.node.defaultChild as CfnQueue);
      const dlqId = jobs.getLogicalId(consumer.deadLetterQueue.node.defaultChild as CfnQueue);

      expect(parameterValue(built.api, jobs, ruleProps.EventBusName)).toEqual({ Ref: busId });
      expect(ruleProps.EventPattern).toEqual({ source: ['hotel-booking'], 'detail-type': [...definition.events!] });
      expect(ruleProps.Targets).toHaveLength(1);
      expect(ruleProps.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
      expect(ruleProps.Targets[0].DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    }
    const mail = queues.find((q) => q.id === 'GuestMail')!;
    expect(mail.events).toEqual(expect.arrayContaining(['booking.confirmed', 'booking.modified', 'booking.cancelled', 'booking.refunded', 'room.assigned', 'booking.arrival_reminder']));
  });

  it('sends guest mail through SES v2: one identity, one configuration set that suppresses bounces and complaints', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'no-reply@example.com' });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'hotel-booking-dev',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('grants ses:SendEmail on the identity and the configuration set, from our address only, to the functions declaring mail:send alone', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const senders = functions.filter((fn) => fn.permissions.includes('mail:send'));

    expect(senders.map((fn) => fn.handlerName)).toEqual(['notifications/send-guest-mail']);
    for (const fn of functions) {
      const statements = roleStatements(template, fn).filter((st) => actionsOf([st]).includes('ses:SendEmail'));
      if (!fn.permissions.includes('mail:send')) {
        expect(statements, fn.handlerName).toEqual([]);
        continue;
      }
      expect(statements).toHaveLength(1);
      const resources = JSON.stringify(statements[0]!.Resource);
      expect(resources).toContain(':identity/');
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toContain('*');
      expect((statements[0] as unknown as { Condition: unknown }).Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } });
      expect(functionResource(template, fn).Properties.Environment.Variables).toMatchObject({ MAIL_FROM: 'no-reply@example.com', SES_CONFIGURATION_SET: expect.anything() });
    }
  });

  it('releases expired holds every minute with jobs/release-expired-holds', () => {
    // prepare
    const job = [...built.api.scheduledJobs.jobs.values()].find((j) => j.function.handlerName === 'jobs/release-expired-holds');
    const functionId = built.api.getLogicalId(job!.function.node.defaultChild as CfnFunction);

    // act
    const rules = resourcesOfType(built.api, 'AWS::Events::Rule').filter(([, r]) =>
      JSON.stringify(r.Properties.Targets).includes(`"${functionId}"`),
    );

    // assess
    expect(rules).toHaveLength(1);
    expect(rules[0]![1].Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(actionsOf(roleStatements(template, job!.function))).toContain('dynamodb:UpdateItem');
  });

  it('has the saga dead-letter queue, encrypted, kept 14 days, writable only by functions declaring dlq:send', () => {
    const queue = built.api.sagaDeadLetterQueue.queue;
    const queueId = built.api.getLogicalId(queue.node.defaultChild as CfnQueue);
    const props = (template.toJSON().Resources as Record<string, any>)[queueId].Properties;
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);

    expect(props.SqsManagedSseEnabled).toBe(true);
    expect(props.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    for (const fn of functions) {
      const sends = roleStatements(template, fn).some(
        (s) => actionsOf([s]).includes('sqs:SendMessage') && JSON.stringify(inParent(fn, s.Resource)).includes(`"${queueId}"`),
      );
      expect(sends, fn.handlerName).toBe(fn.permissions.includes('dlq:send'));
    }
  });

  it('lets every dead-letter sender record its letter in the table, and the dead-letter list read the table but never the queue', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const senders = functions.filter((fn) => fn.permissions.includes('dlq:send'));
    const list = functions.find((fn) => fn.handlerName === 'admin/dead-letters/list-dead-letters');

    expect([...new Set(senders.map((fn) => fn.handlerName))].sort()).toEqual(['jobs/recover-stale-bookings', 'lifecycle/escalate-change', 'saga/escalate']);
    for (const fn of senders) expect(actionsOf(roleStatements(template, fn)), fn.handlerName).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']));
    expect(list).toBeDefined();
    const listActions = actionsOf(roleStatements(template, list!));
    expect(listActions).toEqual(expect.arrayContaining(['dynamodb:Query', 'secretsmanager:GetSecretValue']));
    expect(listActions.filter((a) => a.startsWith('sqs:') || a === 'dynamodb:PutItem' || a === 'dynamodb:UpdateItem')).toEqual([]);
  });

  it('gives the PMS credentials key, for GenerateDataKey and Decrypt only, to functions declaring pms:credentials', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);

    expect(functions.some((fn) => fn.permissions.includes('pms:credentials'))).toBe(true);
    for (const fn of functions) {
      const kms = actionsOf(roleStatements(template, fn)).filter((a) => a.startsWith('kms:'));
      const keyId = functionResource(template, fn).Properties.Environment.Variables.PMS_CREDENTIALS_KMS_KEY_ID;
      if (fn.permissions.includes('pms:credentials')) {
        expect(kms.sort(), fn.handlerName).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
        expect(keyId, fn.handlerName).toBeDefined();
      } else {
        expect(kms, fn.handlerName).toEqual([]);
        expect(keyId, fn.handlerName).toBeUndefined();
      }
    }
  });

  it('names the event bus after the stage and lets only functions declaring events:publish put events on it', () => {
    const busId = built.api.getLogicalId(built.api.eventBus.bus.node.defaultChild as CfnEventBus);
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);

    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'hotel-booking-dev' });
    for (const fn of functions) {
      const puts = roleStatements(template, fn).filter((s) => actionsOf([s]).includes('events:PutEvents'));
      expect(puts.length > 0, fn.handlerName).toBe(fn.permissions.includes('events:publish'));
      for (const statement of puts) expect(inParent(fn, statement.Resource), fn.handlerName).toEqual({ 'Fn::GetAtt': [busId, 'Arn'] });
    }
  });

  it('lets only functions declaring webhooks:secret read the webhook secret, by ARN', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);

    expect(functions.filter((fn) => fn.permissions.includes('webhooks:secret')).map((fn) => fn.handlerName).sort()).toEqual([
      'admin/pms-save-listing',
      'webhooks/receive-pms-webhook',
    ]);
    for (const fn of functions) {
      const reads = actionsOf(roleStatements(template, fn)).filter((a) => a.startsWith('secretsmanager:'));
      const arn = functionResource(template, fn).Properties.Environment.Variables.PMS_WEBHOOK_SECRET_ARN;
      if (fn.permissions.includes('webhooks:secret')) {
        expect(reads, fn.handlerName).toContain('secretsmanager:GetSecretValue');
        expect(arn, fn.handlerName).toBeDefined();
      } else {
        expect(arn, fn.handlerName).toBeUndefined();
      }
    }
  });

  it('gives the cursor key, generated in Secrets Manager, only to functions declaring cursor:secret', () => {
    const functions = built.api.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const secretId = built.api.getLogicalId(built.api.cursorSecret.node.defaultChild as CfnResource);

    expect(template.toJSON().Resources[secretId].Properties.GenerateSecretString).toBeDefined();
    expect(template.toJSON().Resources[secretId].Properties.SecretString).toBeUndefined();
    // The lists that page with sealed keyset cursors.
    expect(functions.filter((fn) => fn.permissions.includes('cursor:secret')).map((fn) => fn.handlerName).sort()).toEqual([
      'admin/catalog/list-audit',
      'admin/catalog/list-hotels',
      'admin/dead-letters/list-dead-letters',
      'admin/list-bookings',
      'admin/pms/list-webhook-events',
      'admin/reconciliation/list-findings',
      'bookings/list-my-bookings',
      'hotels/search-hotels',
    ]);
    for (const fn of functions) {
      const arn = functionResource(template, fn).Properties.Environment.Variables.CURSOR_SECRET_ARN;
      if (fn.permissions.includes('cursor:secret')) {
        expect(inParent(fn, arn), fn.handlerName).toEqual({ Ref: secretId });
        expect(actionsOf(roleStatements(template, fn)), fn.handlerName).toContain('secretsmanager:GetSecretValue');
      } else {
        expect(arn, fn.handlerName).toBeUndefined();
      }
    }
  });

  it('sets HOLD_TTL_SECONDS on every function, and never a PMS_WEBHOOK_SECRET, CURSOR_SECRET or PMS_ALLOW_PRIVATE_HOSTS', () => {
    for (const [id, fn] of ourFunctions(built.api)) {
      expect(fn.Properties.Environment.Variables.HOLD_TTL_SECONDS, id).toBe('180');
      expect(fn.Properties.Environment.Variables.PMS_WEBHOOK_SECRET, id).toBeUndefined();
      expect(fn.Properties.Environment.Variables.CURSOR_SECRET, id).toBeUndefined();
      // On AWS a PMS is reached over HTTPS at public addresses only (the local stack sets loopback).
      expect(fn.Properties.Environment.Variables.PMS_ALLOW_PRIVATE_HOSTS, id).toBeUndefined();
    }
  });

  it('sets only environment variables the config module reads', () => {
    // The names in shared/config/config.ts, plus the runtime's own.
    const configSource = readFileSync(join(REPO_ROOT, 'shared/config/config.ts'), 'utf8');
    const known = new Set([...configSource.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
    for (const variable of ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL']) known.add(variable);

    expect(known.has('TABLE_NAME')).toBe(true);
    for (const [id, fn] of ourFunctions(built.api)) {
      for (const variable of Object.keys(fn.Properties.Environment.Variables)) expect(known.has(variable), `${id} ${variable}`).toBe(true);
    }
  });
});

describe('ApiStack with injected routes and schedules', () => {
  /** Existing entries under other auth levels and permissions: the real table has only public reads today. */
  const injectedRoutes: RouteDefinition[] = [
    routes.health,
    { ...routes.getHotel, method: 'PUT', path: '/api/admin/hotels/{hotelId}', auth: 'admin', permissions: ['table:write'] },
    { ...routes.listRoomTypes, path: '/api/me/room-types', auth: 'guest', permissions: ['table:read'] },
    { ...routes.listHotels, method: 'POST', path: '/api/throttled', throttle: { burstLimit: 20, rateLimit: 10 } },
  ];
  const injectedSchedule: ScheduleDefinition = {
    id: 'expire-holds',
    handler: 'inventory/get-inventory',
    everyMinutes: 5,
    description: 'Test job',
    permissions: ['table:write'],
  };
  let built: TestApp;
  let template: Template;

  beforeAll(() => {
    built = buildTestApp({ routes: injectedRoutes, schedules: [injectedSchedule], config: { allowedOrigins: 'https://app.example.com' } });
    template = Template.fromStack(built.api);
  });

  it('protects guest and admin routes with the Cognito user pool JWT authorizer', () => {
    const [[authorizerId, authorizer]] = resourcesOfType(built.api, 'AWS::ApiGatewayV2::Authorizer') as [[string, any]];

    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('https://cognito-idp.');
    // The API's own client and the console's managed-login client.
    expect(authorizer.Properties.JwtConfiguration.Audience).toHaveLength(2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'PUT /api/admin/hotels/{hotelId}',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: authorizerId },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /api/me/room-types', AuthorizationType: 'JWT' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /api/health', AuthorizationType: 'NONE' });
  });

  it('grants writes to a writer, on the table only, and queries on each named index', () => {
    const writer = built.api.httpApi.functions.get('PUT /api/admin/hotels/{hotelId}')!;

    const statements = roleStatements(template, writer);

    expect(actionsOf(statements)).toEqual(expect.arrayContaining([...TABLE_WRITE_ACTIONS, 'dynamodb:Query']));
    const indexStatement = statements.find((s) => JSON.stringify(s.Resource).includes('/index/'))!;
    expect(actionsOf([indexStatement]).sort()).toEqual(['dynamodb:Query', 'dynamodb:Scan']);
    expect(JSON.stringify(indexStatement.Resource)).toContain('/index/gsi1');
    expect(JSON.stringify(indexStatement.Resource)).not.toContain('/index/*');
  });

  it('gives a route with its own throttle stage route settings, created after the route', () => {
    const [[, stage]] = resourcesOfType(built.api, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
    const route = built.api.httpApi.routes.get('POST /api/throttled')!;

    const routeId = Stack.of(route).getLogicalId(route.node.defaultChild as CfnRoute);

    expect(stage.Properties.RouteSettings).toEqual({
      'POST /api/throttled': { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 },
    });
    expect((stage as { DependsOn: string[] }).DependsOn).toContain(routeId);
  });

  it('passes the PMS host lists and Cloudbeds rate the deployment configures to every function', () => {
    const configured = buildTestApp({
      routes: [routes.health],
      schedules: [],
      config: { pmsCloudbedsAllowedHosts: 'api.cloudbeds.com', pmsOperaAllowedHosts: 'ohip-eu.example.oraclecloud.com', pmsCloudbedsRequestsPerSecond: '10' },
    });
    const variables = ourFunctions(configured.api).map(([, fn]) => fn.Properties.Environment.Variables);

    expect(variables.length).toBeGreaterThan(0);
    for (const v of variables) {
      expect(v).toMatchObject({ PMS_CLOUDBEDS_ALLOWED_HOSTS: 'api.cloudbeds.com', PMS_OPERA_ALLOWED_HOSTS: 'ohip-eu.example.oraclecloud.com', PMS_CLOUDBEDS_REQUESTS_PER_SECOND: '10' });
    }
  });

  it('uses the configured origins for CORS', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://app.example.com'] }),
    });
  });

  it('turns each schedule into a rate rule that invokes its own function', () => {
    const job = built.api.scheduledJobs.jobs.get('expire-holds')!;
    const functionId = Stack.of(job.function).getLogicalId(job.function.node.defaultChild as CfnFunction);

    templateOf(Stack.of(job.function)).hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } })],
    });
    templateOf(Stack.of(job.function)).hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
    expect(functionResource(template, job.function).Properties.Timeout).toBe(60);
    expect(actionsOf(roleStatements(template, job.function))).toContain('dynamodb:PutItem');
  });
});

describe('ApiStack guards', () => {
  it('refuses a route declaring a permission no construct provides', () => {
    // Without a queue answering it, `webhooks:enqueue` has no provider.
    const producer: RouteDefinition = { ...routes.health, permissions: ['webhooks:enqueue'] };

    expect(() => buildTestApp({ routes: [producer], queues: [] })).toThrow(/declares permission "webhooks:enqueue"/);
  });

  it('refuses a route whose handler file does not exist', () => {
    const ghost: RouteDefinition = { ...routes.health, path: '/api/ghost', handler: 'ghost/missing' };

    expect(() => buildTestApp({ routes: [ghost] })).toThrow(/No handler file for "ghost\/missing"/);
  });

  it('refuses two routes sharing one handler, which would need merged grants', () => {
    const twin: RouteDefinition = { ...routes.health, path: '/api/health-twin' };

    expect(() => buildTestApp({ routes: [routes.health, twin] })).toThrow(/serves two routes/);
  });
});

