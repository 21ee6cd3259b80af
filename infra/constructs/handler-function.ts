import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { Permission } from '../../shared/http/route.ts';
import type { PermissionRegistry } from './permission-registry.ts';

/** The repository root: entries, the lock file and tsconfig.json are resolved from here, not from the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** API Gateway HTTP APIs stop waiting after 30 s; a function behind one must give up before that. */
export const API_FUNCTION_TIMEOUT = Duration.seconds(29);

/**
 * esbuild emits ESM, but some dependencies are CommonJS and call `require` for Node built-ins;
 * ESM has no `require`, so the bundle defines one first.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);";

/**
 * The esbuild settings of every function bundle, shared with `npm run size` (bench/size.ts) so the
 * sizes it prints are the sizes that deploy.
 */
export const FUNCTION_BUNDLING = {
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  // The runtime ships AWS SDK v3; bundling it would only add cold-start weight. Powertools (and the
  // X-Ray SDK its tracer needs) comes from AWS's Powertools layer, the version we build against:
  // about 120 KB that every function shares instead of carrying (see `powertoolsLayer`).
  externalModules: ['@aws-sdk/*', '@aws-lambda-powertools/*'],
  /** Packages swapped for a local module (path from the repository root); each file says why. */
  alias: { semver: './infra/bundling/semver-stub.cjs' },
} as const;

/** The Powertools version the code is built and tested against: the layer must carry the same one. */
export const POWERTOOLS_VERSION: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/@aws-lambda-powertools/logger/package.json'), 'utf8')) as { version: string }
).version;

/**
 * AWS's published Powertools for TypeScript layer (logger, metrics, tracer with the X-Ray SDK,
 * batch), one per stack, resolved at deploy time from the public SSM parameter AWS keeps per
 * release, so the layer's version is the one in package-lock.json rather than a copied ARN number.
 */
export function powertoolsLayer(scope: Construct): lambda.ILayerVersion {
  const stack = Stack.of(scope);
  const id = 'PowertoolsLayer';
  const existing = stack.node.tryFindChild(id) as lambda.ILayerVersion | undefined;
  if (existing) return existing;
  const arn = ssm.StringParameter.valueForStringParameter(stack, `/aws/service/powertools/typescript/generic/all/${POWERTOOLS_VERSION}`);
  return lambda.LayerVersion.fromLayerVersionArn(stack, id, arn);
}

/** Settings every function of one deployment shares. */
export interface FunctionDefaults {
  /** Turns declared permissions into grants; also names the table for `TABLE_NAME`. */
  access: PermissionRegistry;
  logRetention: logs.RetentionDays;
  /** `POWERTOOLS_LOG_LEVEL`. */
  logLevel: string;
  /** `POWERTOOLS_SERVICE_NAME`. */
  serviceName: string;
  /** Variables every function of the deployment gets (e.g. `HOLD_TTL_SECONDS`); a function's own `environment` wins. */
  commonEnvironment?: Readonly<Record<string, string>>;
}

/** Just the shared settings out of a construct's props, to hand on to each `HandlerFunction`. */
export function functionDefaultsOf(props: FunctionDefaults): FunctionDefaults {
  return {
    access: props.access,
    logRetention: props.logRetention,
    logLevel: props.logLevel,
    serviceName: props.serviceName,
    ...(props.commonEnvironment ? { commonEnvironment: props.commonEnvironment } : {}),
  };
}

export interface HandlerFunctionProps extends FunctionDefaults {
  /** Entry under `functions/` without extension, as in the route and schedule tables: `hotels/get-hotel`. */
  handler: string;
  /** What the function may touch; each becomes the narrowest grant (see `PermissionRegistry`). */
  permissions: readonly Permission[];
  description?: string;
  /** @default 29 seconds (an API function must answer inside API Gateway's 30 s) */
  timeout?: Duration;
  /** @default 512 */
  memorySize?: number;
  /** Extra environment variables, on top of the house ones. */
  environment?: Record<string, string>;
}

/**
 * A Lambda function with the house defaults, so each route or job only says which entry it runs
 * and what it may touch: Node.js 24 on ARM64, X-Ray tracing, its own log group with a retention
 * (no forever-growing `/aws/lambda/...` group), an ESM bundle minified with source maps, and an
 * execution role that holds only its log group, X-Ray and the grants its permissions ask for (no
 * managed policy, which would give every function every log group).
 */
export class HandlerFunction extends NodejsFunction {
  /** The entry it runs, e.g. `hotels/get-hotel`. */
  readonly handlerName: string;
  readonly permissions: readonly Permission[];
  /** Its own log group (the base class's `logGroup` getter returns the same one, typed as an interface). */
  readonly functionLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const entry = join(REPO_ROOT, 'functions', `${props.handler}.ts`);
    if (!existsSync(entry)) {
      throw new Error(`No handler file for "${props.handler}": expected ${entry}`);
    }
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of functions/${props.handler}`,
    });
    super(scope, id, {
      entry,
      handler: 'handler',
      description: props.description ?? `functions/${props.handler}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? API_FUNCTION_TIMEOUT,
      tracing: lambda.Tracing.ACTIVE,
      layers: [powertoolsLayer(scope)],
      logGroup,
      role,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // Every function gets it: the config module requires it even where no table call is made.
        TABLE_NAME: props.access.table.tableName,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        ...props.commonEnvironment,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: FUNCTION_BUNDLING.target,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        banner: FUNCTION_BUNDLING.banner,
        minify: FUNCTION_BUNDLING.minify,
        sourceMap: true,
        sourcesContent: false,
        tsconfig: join(REPO_ROOT, 'tsconfig.json'),
        externalModules: [...FUNCTION_BUNDLING.externalModules],
        esbuildArgs: {
          '--alias': Object.entries(FUNCTION_BUNDLING.alias).map(([name, path]) => `${name}=${join(REPO_ROOT, path)}`),
        },
      },
    });
    this.handlerName = props.handler;
    this.permissions = props.permissions;
    this.functionLogGroup = logGroup;
    logGroup.grantWrite(role);
    props.access.grant(this, props.permissions);
  }
}

/** `hotels/list-room-types` -> `HotelsListRoomTypes`: stable, readable construct ids. */
export function constructIdOf(handler: string): string {
  return handler
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
