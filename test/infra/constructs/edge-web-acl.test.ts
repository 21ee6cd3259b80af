import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EdgeWebAcl } from '../../../infra/constructs/edge-web-acl.ts';
import { CLIENT_RATE_LIMITS, rateLimitedBody } from '../../../shared/http/rate-limits.ts';
import { buildTestApp } from '../build-test-app.ts';

function aclOf(template: Template): Record<string, any> {
  const acls = Object.values(template.toJSON().Resources as Record<string, any>).filter((r) => r.Type === 'AWS::WAFv2::WebACL');
  expect(acls).toHaveLength(1);
  return acls[0]!.Properties;
}

function buildAcl(): Record<string, any> {
  const stack = new Stack(new App(), 'Edge', { env: { region: 'us-east-1' } });
  new EdgeWebAcl(stack, 'Acl', { name: 'test-edge' });
  return aclOf(Template.fromStack(stack));
}

describe('EdgeWebAcl: the client rate limits as AWS WAF rate-based rules', () => {
  it('is a CloudFront web ACL that allows by default and has one rule per client limit', () => {
    const acl = buildAcl();

    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(acl.Rules.map((r: any) => r.Name)).toEqual(CLIENT_RATE_LIMITS.map((l) => l.name));
  });

  it('limits search to 60 GETs a minute per client IP, on /api/hotels and /api/hotels/search only', () => {
    // act
    const rule = buildAcl().Rules.find((r: any) => r.Name === 'search-per-ip');
    const statement = rule.Statement.RateBasedStatement;
    const [paths, method] = statement.ScopeDownStatement.AndStatement.Statements;

    // assess
    expect(statement).toMatchObject({ AggregateKeyType: 'IP', Limit: 60, EvaluationWindowSec: 60 });
    expect(paths.OrStatement.Statements.map((s: any) => [s.ByteMatchStatement.PositionalConstraint, s.ByteMatchStatement.SearchString])).toEqual([
      ['EXACTLY', '/api/hotels'],
      ['STARTS_WITH', '/api/hotels/search'],
    ]);
    expect(paths.OrStatement.Statements.every((s: any) => 'UriPath' in s.ByteMatchStatement.FieldToMatch)).toBe(true);
    expect(method.ByteMatchStatement).toMatchObject({ FieldToMatch: { Method: {} }, SearchString: 'GET', PositionalConstraint: 'EXACTLY' });
  });

  it('limits the API to 100 requests a minute per bearer token (WAF cannot read the sub inside it)', () => {
    const statement = buildAcl().Rules.find((r: any) => r.Name === 'api-per-user').Statement.RateBasedStatement;

    expect(statement).toMatchObject({ AggregateKeyType: 'CUSTOM_KEYS', Limit: 100, EvaluationWindowSec: 60 });
    expect(statement.CustomKeys).toEqual([{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }]);
    expect(statement.ScopeDownStatement.ByteMatchStatement).toMatchObject({ PositionalConstraint: 'STARTS_WITH', SearchString: '/api/' });
  });

  it('answers 429 with Retry-After and the RATE_LIMITED envelope', () => {
    const acl = buildAcl();

    for (const limit of CLIENT_RATE_LIMITS) {
      const block = acl.Rules.find((r: any) => r.Name === limit.name).Action.Block.CustomResponse;
      expect(block.ResponseCode).toBe(429);
      expect(block.ResponseHeaders).toEqual([{ Name: 'retry-after', Value: String(limit.windowSeconds) }]);
      const body = acl.CustomResponseBodies[block.CustomResponseBodyKey];
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toEqual(rateLimitedBody(limit));
      expect(JSON.parse(body.Content).error.code).toBe('RATE_LIMITED');
    }
  });
});

describe('where the web ACL lives', () => {
  it('is in the API stack when the Region is not known or is us-east-1', () => {
    const { api, edge } = buildTestApp({ config: { region: 'us-east-1', account: '123456789012' } });

    expect(edge).toBeUndefined();
    expect(api.edgeWebAcl).toBeDefined();
    expect(aclOf(Template.fromStack(api)).Scope).toBe('CLOUDFRONT');
  });

  it('is in its own us-east-1 stack when the API deploys to another Region, and the distribution references it', () => {
    // act
    const { api, edge } = buildTestApp({ config: { region: 'ap-northeast-2', account: '123456789012' } });

    // assess
    expect(edge?.region).toBe('us-east-1');
    expect(aclOf(Template.fromStack(edge!)).Scope).toBe('CLOUDFRONT');
    expect(api.edgeWebAcl).toBeUndefined();
    const apiResources = Object.values(Template.fromStack(api).toJSON().Resources as Record<string, any>);
    expect(apiResources.filter((r) => r.Type === 'AWS::WAFv2::WebACL')).toEqual([]);
    const distribution = apiResources.find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect(distribution.Properties.DistributionConfig.WebACLId).toBeDefined();
    expect(api.dependencies).toContain(edge);
  });
});
