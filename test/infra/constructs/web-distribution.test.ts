import { runInNewContext } from 'node:vm';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../console/src/config/runtime-config.ts';
import { CONSOLE_PATH, consoleRuntimeConfig, placeholderConsole, WebDistribution } from '../../../infra/constructs/web-distribution.ts';
import { PUBLIC_CACHE_SECONDS } from '../../../shared/http/cache-control.ts';
import { routeList } from '../../../shared/http/route-table.ts';

const AUTH_DOMAIN = 'https://hotel-booking-test.auth.ap-northeast-2.amazoncognito.com';
const CLIENT_ID = 'consoleclient123';
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abc';

/** The construct alone, in a stack of its own with a bare HTTP API: a synth in well under a second. */
function buildWeb(): { stack: Stack; web: WebDistribution; template: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'WebTest', { env: { account: '123456789012', region: 'us-east-1' } });
  const api = new HttpApi(stack, 'Api');
  const web = new WebDistribution(stack, 'Web', {
    api,
    webAclArn: WEB_ACL_ARN,
    authDomainUrl: AUTH_DOMAIN,
    consoleClientId: CLIENT_ID,
    consoleSource: placeholderConsole(),
  });
  return { stack, web, template: Template.fromStack(stack) };
}

function resources(template: Template, type: string): Array<Record<string, any>> {
  return Object.values(template.toJSON().Resources as Record<string, any>).filter((r) => r.Type === type);
}

type ViewerRequest = { uri: string; headers?: Record<string, unknown> };
type ViewerAnswer = { uri?: string; statusCode?: number; headers?: Record<string, { value: string }> };

describe('WebDistribution: the console from S3 and the API under /api/, one CloudFront origin', () => {
  let template: Template;
  let web: WebDistribution;
  let stack: Stack;
  let config: Record<string, any>;

  beforeAll(() => {
    ({ template, web, stack } = buildWeb());
    config = resources(template, 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig;
  });

  it('keeps the console bucket private, encrypted, TLS-only and readable only by this distribution (origin access control)', () => {
    // prepare
    const bucketId = stack.getLogicalId(web.consoleBucket.node.defaultChild as any);
    const bucket = template.toJSON().Resources[bucketId].Properties;

    // act
    const policies = resources(template, 'AWS::S3::BucketPolicy').filter((p) => p.Properties.Bucket.Ref === bucketId);
    const allows = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: any) => s.Effect === 'Allow');

    // assess
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(JSON.stringify(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(stack.getLogicalId(web.distribution.node.defaultChild as any));
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const s3Origin = config.Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
  });

  it('sends /api/* to the HTTP API over TLS 1.2, uncached, every method, every viewer header but Host', () => {
    const apiBehaviour = config.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    const apiOrigin = config.Origins.find((o: any) => o.Id === apiBehaviour.TargetOriginId);

    expect(apiOrigin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(apiOrigin.DomainName)).toContain('ApiEndpoint');
    expect(apiBehaviour.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']));
    expect(apiBehaviour.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(apiBehaviour.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(apiBehaviour.ViewerProtocolPolicy).toBe('https-only');
  });

  it('caches the public catalog and search by query string and Authorization, for no longer than their Cache-Control says', () => {
    // prepare
    const [first, second] = config.CacheBehaviors;

    // act
    const policy = resources(template, 'AWS::CloudFront::CachePolicy')[0]!.Properties.CachePolicyConfig;

    // assess: CloudFront takes the first matching pattern, so the cached one must come first
    expect([first.PathPattern, second.PathPattern]).toEqual(['/api/hotels*', '/api/*']);
    expect(first.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(first.CachedMethods).toEqual(['GET', 'HEAD']);
    expect(first.CachePolicyId).toEqual({ Ref: stack.getLogicalId(web.searchCachePolicy.node.defaultChild as any) });
    expect(policy.DefaultTTL).toBe(0);
    expect(policy.MinTTL).toBe(0);
    expect(policy.MaxTTL).toBeGreaterThanOrEqual(Math.max(...Object.values(PUBLIC_CACHE_SECONDS)));
    expect(policy.MaxTTL).toBeLessThanOrEqual(300);
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization'] });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig).toEqual({ CookieBehavior: 'none' });
  });

  it('caches only public GET routes: every route under /api/hotels is a public GET (admin routes live under /api/admin)', () => {
    const underHotels = routeList.filter((r) => r.path === '/api/hotels' || r.path.startsWith('/api/hotels/'));

    expect(underHotels.length).toBeGreaterThanOrEqual(5);
    for (const route of underHotels) {
      expect(`${route.method} ${route.path} ${route.auth}`).toBe(`GET ${route.path} public`);
    }
  });

  it('serves the console as the default behaviour over HTTPS, with a CSP that allows only itself and the Cognito login, HSTS and no framing', () => {
    // prepare
    const def = config.DefaultCacheBehavior;
    const policyId = stack.getLogicalId(web.consoleHeaders.node.defaultChild as any);

    // act
    const headers = template.toJSON().Resources[policyId].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp: string = headers.ContentSecurityPolicy.ContentSecurityPolicy;

    // assess
    expect(def.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(def.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(csp.split('; ')).toEqual(
      expect.arrayContaining(["default-src 'self'", "script-src 'self'", `connect-src 'self' ${AUTH_DOMAIN}`, "object-src 'none'", "frame-ancestors 'none'"]),
    );
    expect(csp).not.toContain('unsafe');
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
  });

  it('sends HSTS and frame-ancestors none on API answers too', () => {
    const policyId = stack.getLogicalId(web.apiHeaders.node.defaultChild as any);
    const headers = template.toJSON().Resources[policyId].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;

    for (const behaviour of config.CacheBehaviors) expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBe(63_072_000);
  });

  it('attaches the web ACL, logs to a private bucket, and speaks HTTP/2 and 3', () => {
    expect(config.WebACLId).toBe(WEB_ACL_ARN);
    expect(config.Logging.Prefix).toBe('cloudfront/');
    expect(config.HttpVersion).toBe('http2and3');
    expect(config.PriceClass).toBe('PriceClass_100');
  });

  describe('the viewer-request function', () => {
    let handler: (event: { request: ViewerRequest }) => ViewerAnswer;

    beforeAll(() => {
      const code: string = resources(template, 'AWS::CloudFront::Function')[0]!.Properties.FunctionCode;
      handler = runInNewContext(`${code}; handler`);
    });

    it('redirects / and /console to /console/', () => {
      for (const uri of ['/', CONSOLE_PATH]) {
        const answer = handler({ request: { uri } });
        expect(answer.statusCode, uri).toBe(301);
        expect(answer.headers?.location?.value, uri).toBe('/console/');
      }
    });

    it("answers the SPA's page paths with index.html and leaves files alone", () => {
      const cases: Array<[string, string]> = [
        ['/console/', '/console/index.html'],
        ['/console/bookings/bk_123', '/console/index.html'],
        ['/console/hotels/h1/calendar', '/console/index.html'],
        ['/console/assets/index-3f9a.js', '/console/assets/index-3f9a.js'],
        ['/console/config.json', '/console/config.json'],
        ['/console/index.html', '/console/index.html'],
      ];
      for (const [uri, expected] of cases) expect(handler({ request: { uri } }).uri, uri).toBe(expected);
    });
  });

  it('writes config.json at deploy time (API path, Cognito domain and client id), uncached, after the hashed assets', () => {
    // prepare
    const deployments = resources(template, 'Custom::CDKBucketDeployment');
    const pagesId = stack.getLogicalId(web.pageDeployment.node.findChild('CustomResource').node.defaultChild as any);
    const assetsId = stack.getLogicalId(web.assetsDeployment.node.findChild('CustomResource').node.defaultChild as any);

    // act
    const pages = template.toJSON().Resources[pagesId];
    const assets = template.toJSON().Resources[assetsId];

    // assess
    expect(deployments).toHaveLength(2);
    expect(assets.Properties).toMatchObject({
      DestinationBucketKeyPrefix: 'console/',
      Exclude: ['index.html', 'config.json'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(pages.Properties).toMatchObject({
      DestinationBucketKeyPrefix: 'console/',
      Include: ['index.html', 'config.json'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: expect.arrayContaining(['/console/index.html', '/console/config.json']),
    });
    expect(pages.DependsOn).toContain(assetsId);
    // The build and config.json; the ApiStack test checks that the real (token) values are substituted at deploy.
    expect(pages.Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('writes a config.json the console itself accepts', () => {
    const config = consoleRuntimeConfig({ authDomainUrl: AUTH_DOMAIN, consoleClientId: CLIENT_ID });

    expect(parseRuntimeConfig(JSON.parse(JSON.stringify(config)))).toEqual({
      apiBase: '/api',
      auth: { mode: 'cognito', domain: AUTH_DOMAIN, clientId: CLIENT_ID, scopes: ['openid', 'email', 'profile'] },
    });
  });
});
