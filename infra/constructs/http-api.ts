import { Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeKeyOf, usesAuthorizer, type RouteDefinition } from '../../shared/http/route.ts';
import { constructIdOf, functionDefaultsOf, HandlerFunction, type FunctionDefaults } from './handler-function.ts';
import { API_CORS_RULES } from '../../shared/http/cors.ts';
import { STAGE_THROTTLE } from '../../shared/http/rate-limits.ts';

/** Default stage throttling, from the one table of limits the local stack applies too. */
export const DEFAULT_THROTTLE = STAGE_THROTTLE;

export interface HotelHttpApiProps extends FunctionDefaults {
  routes: readonly RouteDefinition[];
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** More app clients whose ID tokens the authorizer accepts (the console's managed-login client). */
  extraUserPoolClients?: readonly cognito.IUserPoolClient[];
  /** Origins allowed by CORS; `['*']` for any. */
  allowedOrigins: readonly string[];
  throttle?: apigw.ThrottleSettings;
}

/**
 * The HTTP API, built entirely from the route table: one function per route, the Cognito JWT
 * authorizer on every route but `public` and `optional` ones (an `optional` route verifies a token
 * itself, against the pool named in its `AUTH_ISSUER` and `AUTH_AUDIENCE`), CORS preflights answered by API Gateway itself
 * (no OPTIONS routes to secure), a throttled `$default` stage (per-route limits where the table
 * sets `throttle`) with JSON access logs.
 */
export class HotelHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogGroup: logs.LogGroup;
  /** The invoke URL, ending in `/`; routes start with `/api/`. */
  readonly url: string;
  /** One function per route, keyed by route key (`GET /api/hotels/{hotelId}`). */
  readonly functions: ReadonlyMap<string, HandlerFunction>;
  /** The API Gateway route resources, keyed like `functions`. */
  readonly routes: ReadonlyMap<string, apigw.HttpRoute>;

  private readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: HotelHttpApiProps) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Hotel booking API (built from shared/http/route-table.ts)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: API_CORS_RULES.allowMethods.map((m) => apigw.CorsHttpMethod[m]),
        allowHeaders: [...API_CORS_RULES.allowHeaders],
        exposeHeaders: [...API_CORS_RULES.exposeHeaders],
        maxAge: Duration.seconds(API_CORS_RULES.maxAgeSeconds),
      },
    });
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat(),
      },
    });
    this.url = this.stage.url;
    this.authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient, ...(props.extraUserPoolClients ?? [])],
      identitySource: ['$request.header.Authorization'],
    });

    const functions = new Map<string, HandlerFunction>();
    const routes = new Map<string, apigw.HttpRoute>();
    const handlers = new Set<string>();
    for (const route of props.routes) {
      const key = routeKeyOf(route);
      if (functions.has(key)) throw new Error(`Route ${key} is defined twice in the route table.`);
      // One function per route: a shared entry would need the union of both routes' grants.
      if (handlers.has(route.handler)) throw new Error(`Handler ${route.handler} serves two routes; give each its own entry.`);
      handlers.add(route.handler);
      const fn = this.addRouteFunction(route, props);
      functions.set(key, fn);
      routes.set(key, this.addRoute(route, fn));
    }
    this.functions = functions;
    this.routes = routes;
    this.applyRouteThrottles(props.routes);
  }

  private addRouteFunction(route: RouteDefinition, props: HotelHttpApiProps): HandlerFunction {
    return new HandlerFunction(this, constructIdOf(route.handler), {
      ...functionDefaultsOf(props),
      handler: route.handler,
      permissions: route.permissions,
      description: `${routeKeyOf(route)}: ${route.summary}`.slice(0, 256),
      environment: {
        // The OpenAPI document names the server it is served from.
        API_BASE_URL: this.api.apiEndpoint,
        // No authorizer in front of an optional route: its handler verifies tokens of this pool and client itself.
        ...(route.auth === 'optional'
          ? { AUTH_ISSUER: issuerOf(this, props.userPool), AUTH_AUDIENCE: props.userPoolClient.userPoolClientId }
          : {}),
      },
    });
  }

  private addRoute(route: RouteDefinition, fn: HandlerFunction): apigw.HttpRoute {
    const [httpRoute] = this.api.addRoutes({
      path: route.path,
      methods: [apigw.HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${constructIdOf(route.handler)}Integration`, fn),
      // Public and optional routes say so explicitly; everything else needs a valid Cognito token.
      // Group and hotel checks happen in the handler envelope, the same code locally and on AWS.
      authorizer: usesAuthorizer(route.auth) ? this.authorizer : new apigw.HttpNoneAuthorizer(),
    });
    return httpRoute!;
  }

  /**
   * A route's own `throttle` (e.g. checkout, which starts a saga per call) overrides the stage
   * default for that route. The L2 stage has no per-route settings, hence the L1 property; the stage
   * must wait for the routes, or CloudFormation cannot find the route keys it names.
   */
  private applyRouteThrottles(routeDefinitions: readonly RouteDefinition[]): void {
    const settings: Record<string, { ThrottlingBurstLimit: number; ThrottlingRateLimit: number }> = {};
    for (const route of routeDefinitions) {
      if (!route.throttle) continue;
      const key = routeKeyOf(route);
      settings[key] = { ThrottlingBurstLimit: route.throttle.burstLimit, ThrottlingRateLimit: route.throttle.rateLimit };
      this.stage.node.addDependency(this.routes.get(key)!);
    }
    if (Object.keys(settings).length === 0) return;
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = settings;
  }
}

/** The issuer of the pool's tokens, as Cognito writes it in `iss` (the pool is in this stack's Region). */
function issuerOf(scope: Construct, userPool: cognito.IUserPool): string {
  const stack = Stack.of(scope);
  return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`;
}

/** One JSON object per request: what was called, by whom (caller IP), how it ended and how long it took. */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      time: '$context.requestTime',
      ip: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      routeKey: '$context.routeKey',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      subject: '$context.authorizer.claims.sub',
    }),
  );
}
