import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DockerImage, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { PUBLIC_CACHE_SECONDS } from '../../shared/http/cache-control.ts';
import { REPO_ROOT } from './handler-function.ts';

export interface WebDistributionProps {
  /** The HTTP API that `/api/*` goes to. */
  api: apigw.IHttpApi;
  /** The web ACL with the client rate limits (a CLOUDFRONT-scope ACL, in us-east-1). */
  webAclArn: string;
  /** The Cognito managed login's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  authDomainUrl: string;
  /** The console's app client (authorization code + PKCE, no secret). */
  consoleClientId: string;
  /**
   * The built console (`console/dist`). Default: built during synth by `npm run console:build`
   * into the asset's folder (CDK local bundling), so a deploy never ships a stale or missing
   * build. Tests pass a one-file placeholder (`placeholderConsole()`).
   */
  consoleSource?: s3deploy.ISource;
}

/** The console's path on the distribution. */
export const CONSOLE_PATH = '/console';

/**
 * The one CloudFront distribution in front of everything a browser talks to (issues 9 and 10):
 *
 * - `/console/*` (the default behaviour): the admin console, a Vite SPA, from a private S3 bucket
 *   reachable only through CloudFront (origin access control); `/` redirects to `/console/`, and
 *   page paths are answered with `index.html` by a CloudFront Function (not by error pages, which
 *   would turn the API's 404s into HTML too).
 * - `/api/hotels*`: the public catalog and search, cached by CloudFront for the short lifetimes
 *   their `Cache-Control` states, keyed on the query string and `Authorization`.
 * - `/api/*`: the rest of the HTTP API, never cached, every header but `Host` forwarded.
 *
 * Same origin for console and API, so the console needs no CORS. Security headers on every answer
 * (a CSP that allows the Cognito domain for the token exchange, HSTS, `frame-ancestors 'none'`).
 * The AWS WAF web ACL with the client rate limits is attached. `config.json` is written at deploy
 * time with the API path and the Cognito domain and client id, never baked into the build.
 */
export class WebDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly consoleBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly searchCachePolicy: cloudfront.CachePolicy;
  readonly consoleHeaders: cloudfront.ResponseHeadersPolicy;
  readonly apiHeaders: cloudfront.ResponseHeadersPolicy;
  readonly assetsDeployment: s3deploy.BucketDeployment;
  readonly pageDeployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.consoleBucket = new s3.Bucket(this, 'Console', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'console-bucket/',
      // Build output only: a redeploy writes it again. Retained so a stack deletion never fails on a full bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const apiOrigin = new origins.HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    this.searchCachePolicy = new cloudfront.CachePolicy(this, 'SearchCache', {
      comment: `Catalog and search, by query string, as long as the API says (${Object.values(PUBLIC_CACHE_SECONDS).join('/')} s; 5 min at most)`,
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      // In the key, so a signed-in caller's answer is never served to another (and so it reaches the API).
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const hsts = { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true };
    this.consoleHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      comment: 'Console: CSP (self and the Cognito login for the token exchange), HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: https:",
            `connect-src 'self' ${props.authDomainUrl}`,
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: hsts,
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'The API: JSON only, never framed, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", override: true },
        strictTransportSecurity: hsts,
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    const pages = new cloudfront.Function(this, 'ConsolePages', {
      comment: '/ -> /console/; console page paths -> the SPA index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(consolePagesFunction()),
    });
    const forwardAll = cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName}: admin console and HTTP API`,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.consoleBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.consoleHeaders,
        functionAssociations: [{ function: pages, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/hotels*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
          cachePolicy: this.searchCachePolicy,
          originRequestPolicy: forwardAll,
          responseHeadersPolicy: this.apiHeaders,
        },
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: forwardAll,
          responseHeadersPolicy: this.apiHeaders,
        },
      },
      webAclId: props.webAclArn,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });

    const source = props.consoleSource ?? builtConsole();
    // Hashed assets first, cached for a year; then the pages and config.json, never cached, so a
    // deploy switches every browser to the new build at its next load.
    this.assetsDeployment = new s3deploy.BucketDeployment(this, 'ConsoleAssets', {
      sources: [source],
      destinationBucket: this.consoleBucket,
      destinationKeyPrefix: 'console/',
      exclude: ['index.html', 'config.json'],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
    });
    this.pageDeployment = new s3deploy.BucketDeployment(this, 'ConsolePagesAndConfig', {
      sources: [
        source,
        s3deploy.Source.jsonData('config.json', consoleRuntimeConfig(props)),
      ],
      destinationBucket: this.consoleBucket,
      destinationKeyPrefix: 'console/',
      exclude: ['*'],
      include: ['index.html', 'config.json'],
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/console/index.html', '/console/config.json', '/console/'],
    });
    this.pageDeployment.node.addDependency(this.assetsDeployment);
  }

  /** `https://<distribution domain>`: where the console and the API are. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}

/**
 * The console's `config.json` (the shape `console/src/config/runtime-config.ts` reads): the API on
 * the same origin, and Cognito's managed login. The domain and client id are tokens at synth; the
 * deployment substitutes their values when it writes the file, so no build carries them.
 */
export function consoleRuntimeConfig(props: Pick<WebDistributionProps, 'authDomainUrl' | 'consoleClientId'>) {
  return {
    apiBase: '/api',
    auth: { mode: 'cognito', domain: props.authDomainUrl, clientId: props.consoleClientId, scopes: ['openid', 'email', 'profile'] },
  } as const;
}

/**
 * The console built during synth: `vite build` into the asset's output folder, hashed by the
 * console's sources (so an unchanged console is not rebuilt or uploaded again). CDK runs the local
 * bundler; the Docker image is the fallback it never needs where Node is installed.
 */
export function builtConsole(): s3deploy.ISource {
  const consoleDir = join(REPO_ROOT, 'console');
  return s3deploy.Source.asset(consoleDir, {
    exclude: ['dist', 'node_modules'],
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      local: {
        tryBundle(outputDir: string) {
          execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.ts', '--outDir', outputDir, '--emptyOutDir'], {
            cwd: REPO_ROOT,
            stdio: 'inherit',
          });
          return true;
        },
      },
    },
  });
}

/** A one-page stand-in for the console, for synths that need no real build (the CDK tests). */
export function placeholderConsole(): s3deploy.ISource {
  return s3deploy.Source.data('index.html', '<!doctype html><title>Console placeholder</title>');
}

/** CloudFront Function (JS 2.0): `/` and `/console` redirect to `/console/`; a console path without a file extension gets the SPA's index.html. */
function consolePagesFunction(): string {
  return `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '${CONSOLE_PATH}') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '${CONSOLE_PATH}/' } } };
  }
  if (uri.indexOf('${CONSOLE_PATH}/') === 0 && uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = '${CONSOLE_PATH}/index.html';
  }
  return request;
}`;
}
