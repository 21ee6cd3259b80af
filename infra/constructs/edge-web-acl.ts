import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CLIENT_RATE_LIMITS, rateLimitedBody, type ClientRateLimit } from '../../shared/http/rate-limits.ts';

/**
 * The AWS WAF web ACL in front of the CloudFront distribution (scope `CLOUDFRONT`, so it lives in
 * us-east-1): one rate-based rule per client limit of `shared/http/rate-limits.ts`, the same table
 * the local API Gateway emulator enforces. Over a limit, WAF answers `429` with `Retry-After` (the
 * rule's window: WAF's custom response headers are fixed) and the `RATE_LIMITED` envelope.
 *
 * - `ip` rules aggregate on the client IP (CloudFront's viewer address).
 * - `user` rules aggregate on the `Authorization` header: WAF cannot read the `sub` inside a JWT,
 *   so one token is one budget. Requests without the header are not counted by them.
 * - Each rule counts only its paths (URI path `EXACTLY` or `STARTS_WITH`) and methods, as a
 *   scope-down statement.
 */
export class EdgeWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: { name: string; limits?: readonly ClientRateLimit[] }) {
    super(scope, id);
    const limits = props.limits ?? CLIENT_RATE_LIMITS;
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: 'Client rate limits of shared/http/rate-limits.ts: search per IP, the API per user',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: props.name, sampledRequestsEnabled: true },
      customResponseBodies: Object.fromEntries(
        limits.map((rule) => [bodyKey(rule), { contentType: 'APPLICATION_JSON', content: JSON.stringify(rateLimitedBody(rule)) }]),
      ),
      rules: limits.map((rule, priority) => rateRule(rule, priority)),
    });
  }
}

const bodyKey = (rule: ClientRateLimit) => `${rule.name.replace(/[^A-Za-z0-9_-]/g, '_')}-429`;

function rateRule(rule: ClientRateLimit, priority: number): wafv2.CfnWebACL.RuleProperty {
  return {
    name: rule.name,
    priority,
    action: {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: bodyKey(rule),
          responseHeaders: [{ name: 'retry-after', value: String(rule.windowSeconds) }],
        },
      },
    },
    statement: {
      rateBasedStatement: {
        limit: rule.limit,
        evaluationWindowSec: rule.windowSeconds,
        ...(rule.scope === 'ip'
          ? { aggregateKeyType: 'IP' }
          : { aggregateKeyType: 'CUSTOM_KEYS', customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }] }),
        scopeDownStatement: scopeDown(rule),
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: rule.name, sampledRequestsEnabled: true },
  };
}

/** The requests a rule counts: any of its paths, and one of its methods when it names any. */
function scopeDown(rule: ClientRateLimit): wafv2.CfnWebACL.StatementProperty {
  const paths = rule.paths.map(
    (p): wafv2.CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: p.match === 'exact' ? 'EXACTLY' : 'STARTS_WITH',
        searchString: p.path,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    }),
  );
  const methods = (rule.methods ?? []).map(
    (m): wafv2.CfnWebACL.StatementProperty => ({
      byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: m, textTransformations: [{ priority: 0, type: 'NONE' }] },
    }),
  );
  const anyOf = (statements: wafv2.CfnWebACL.StatementProperty[]) => (statements.length === 1 ? statements[0]! : { orStatement: { statements } });
  return methods.length === 0 ? anyOf(paths) : { andStatement: { statements: [anyOf(paths), anyOf(methods)] } };
}
