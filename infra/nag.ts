import { DefaultStackSynthesizer, Stack, Token, Validations, type App, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { HandlerFunction } from './constructs/handler-function.ts';
import { SagaDeadLetterQueue } from './constructs/saga-dead-letter-queue.ts';
import { WebDistribution } from './constructs/web-distribution.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

/**
 * cdk-nag's AWS Solutions rules over the whole app, and every finding we accept on purpose, each
 * with its reason. Findings are fixed where a fix exists (own log groups instead of the managed
 * execution policy, index-exact table grants instead of `index/*`, access logs on the stage); what
 * is left is below. cdk-nag 3 reports through CDK's validation framework: an unacknowledged
 * finding fails `cdk synth`.
 *
 * Acknowledgements are found by construct type, not by path, so a route or function added to the
 * tables gets the same treatment without touching this file; anything new and unexpected still fails.
 * Where a type is broad (a secret, a queue), the acknowledgement names the one resource it excuses.
 */
export const NAG_ACKNOWLEDGEMENTS = {
  publicRoute: {
    id: 'AwsSolutions-APIG4',
    reason:
      'The route table marks this route `public` (liveness, OpenAPI document, hotel catalogue and availability): ' +
      'anonymous browsing is the product. Every other route has the Cognito JWT authorizer.',
  },
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions, so active tracing needs ' +
      'Resource "*". Table grants name the table and each index (test/infra checks "*" is used for X-Ray only).',
  },
  optionalMfa: {
    id: 'AwsSolutions-COG2',
    reason:
      'MFA is optional (TOTP) rather than required: guests sign themselves up to book a room and would be turned ' +
      'away by a mandatory authenticator app. Staff accounts are admin-created and enrol TOTP (docs/deploy.md).',
  },
  essentialsTier: {
    id: 'AwsSolutions-COG8',
    reason:
      'Essentials tier: the Plus tier (threat protection) is billed per monthly active user, which an open-source ' +
      'sample should not impose. Self sign-up needs a verified e-mail and the password policy is strict; switch ' +
      '`featurePlan` to PLUS for a production guest base (docs/deploy.md).',
  },
  stateMachineWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'The state machine role: X-Ray (PutTraceSegments, PutTelemetryRecords, GetSampling*) and CloudWatch Logs ' +
      'vended-log delivery (CreateLogDelivery, PutResourcePolicy, ...) support no resource-level permissions, so ' +
      'tracing and execution logging need Resource "*". Its Lambda invoke grant names each task function (test/infra).',
  },
  webhookSecretRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      'The PMS webhook secret is shared with PMS vendors, who must change it on their side at the same time; ' +
      'it is rotated by hand with overlapping secrets (the generic protocol accepts any matching v1), see docs/deploy.md.',
  },
  cursorSecretRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      'The pagination cursor key protects no stored data: rotating it only invalidates cursors in flight (400 ' +
      'BAD_CURSOR, clients start over). Rotate it by hand with put-secret-value when needed (docs/deploy.md).',
  },
  stripeKeyRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      'The Stripe secret key is issued and rolled in the Stripe dashboard, not by a Secrets Manager rotation ' +
      'function; ops put each new key with put-secret-value (docs/deploy.md).',
  },
  sagaExecutionWildcard: {
    reason:
      'The recovery job describes and stops executions of the checkout state machine by name; an execution ARN ' +
      'ends in its name, unknown until the checkout makes it, so the grant is `execution:<the state machine>:*` ' +
      '(states:DescribeExecution and states:StopExecution only, on this one state machine).',
  },
  sagaDeadLetterQueue: {
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the checkout saga\'s dead-letter queue: the Escalate task sends what it could not ' +
      'compensate here directly (no SQS redrive points at it), nothing consumes it, and an alarm watches its depth.',
  },
  defaultCertificateTls: {
    id: 'AwsSolutions-CFR4',
    reason:
      "The distribution answers on its cloudfront.net name with CloudFront's default certificate, whose viewer TLS " +
      'policy CloudFront fixes (TLSv1). A custom domain with an ACM certificate sets TLSv1.2_2021 (docs/deploy.md). The origins take TLS 1.2 only.',
  },
  noGeoRestriction: {
    id: 'AwsSolutions-CFR1',
    reason: 'Hotels sell to travellers from anywhere: no country is refused. Abuse is limited by the WAF rate-based rules instead.',
  },
} as const;

/**
 * The console's deployment (`BucketDeployment`) runs CDK's own custom-resource function: its role,
 * runtime and policy are CDK's, used only at deploy time to copy the build into the console bucket.
 */
const BUCKET_DEPLOYMENT_REASON =
  "CDK's BucketDeployment handler (deploy time only): CDK owns its runtime, its basic-execution managed policy and the " +
  's3:GetObject*/List*/DeleteObject* grants on the assets bucket and the console bucket (objects under a prefix need /*).';
const BUCKET_DEPLOYMENT_FINDINGS = [
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'AwsSolutions-IAM5[Action::s3:GetBucket*]',
  'AwsSolutions-IAM5[Action::s3:GetObject*]',
  'AwsSolutions-IAM5[Action::s3:List*]',
  'AwsSolutions-IAM5[Action::s3:Abort*]',
  'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
  'AwsSolutions-IAM5[Resource::*]',
  'AwsSolutions-L1',
];

/** Registers the AWS Solutions checks on `app` and acknowledges the accepted findings. Call after `buildApp`. */
export function applyNagChecks(app: App): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(checks);
  acknowledgeAcceptedFindings(app);
  return checks;
}

/**
 * The IAM5 finding ids of a policy's grants on Step Functions executions (`...:execution:<machine>:*`),
 * spelt as cdk-nag spells a resource (its own `flattenCfnReference`), so exactly those are excused.
 */
function executionWildcardsOf(policy: iam.Policy): string[] {
  const document = Stack.of(policy).resolve(policy.document.toJSON()) as { Statement?: Array<{ Resource?: unknown }> } | undefined;
  return (document?.Statement ?? [])
    .flatMap((statement) => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]))
    .map((resource) => flattenCfnReference(resource))
    .filter((resource) => resource.includes(':execution:') && resource.endsWith(':*'))
    .map((resource) => `AwsSolutions-IAM5[Resource::${resource}]`);
}

/** Records the acknowledgements of `NAG_ACKNOWLEDGEMENTS` on the constructs they concern. */
export function acknowledgeAcceptedFindings(scope: IConstruct): void {
  for (const node of scope.node.findAll()) {
    if (node instanceof apigw.CfnRoute && node.authorizationType === 'NONE') {
      Validations.of(node).acknowledge(NAG_ACKNOWLEDGEMENTS.publicRoute);
    } else if (node instanceof HandlerFunction) {
      const policy = node.role?.node.tryFindChild('DefaultPolicy');
      if (policy) Validations.of(policy).acknowledge(NAG_ACKNOWLEDGEMENTS.xrayWildcard);
      if (policy instanceof iam.Policy) {
        for (const id of executionWildcardsOf(policy)) Validations.of(policy).acknowledge({ id, reason: NAG_ACKNOWLEDGEMENTS.sagaExecutionWildcard.reason });
      }
    } else if (node instanceof cognito.CfnUserPool) {
      Validations.of(node).acknowledge(NAG_ACKNOWLEDGEMENTS.optionalMfa, NAG_ACKNOWLEDGEMENTS.essentialsTier);
    } else if (node instanceof sfn.StateMachine) {
      const policy = node.role.node.tryFindChild('DefaultPolicy');
      if (policy) Validations.of(policy).acknowledge(NAG_ACKNOWLEDGEMENTS.stateMachineWildcard);
    } else if (node instanceof DataStack) {
      Validations.of(node.stripeSecret).acknowledge(NAG_ACKNOWLEDGEMENTS.stripeKeyRotation);
      Validations.of(node.webhookSecret).acknowledge(NAG_ACKNOWLEDGEMENTS.webhookSecretRotation);
    } else if (node instanceof ApiStack) {
      Validations.of(node.cursorSecret).acknowledge(NAG_ACKNOWLEDGEMENTS.cursorSecretRotation);
    } else if (node instanceof SagaDeadLetterQueue) {
      Validations.of(node.queue).acknowledge(NAG_ACKNOWLEDGEMENTS.sagaDeadLetterQueue);
    } else if (node instanceof WebDistribution) {
      Validations.of(node.distribution).acknowledge(NAG_ACKNOWLEDGEMENTS.defaultCertificateTls, NAG_ACKNOWLEDGEMENTS.noGeoRestriction);
    } else if (node.node.id.startsWith('Custom::CDKBucketDeployment')) {
      Validations.of(node).acknowledge(
        ...BUCKET_DEPLOYMENT_FINDINGS.map((id) => ({ id, reason: BUCKET_DEPLOYMENT_REASON })),
        { id: `AwsSolutions-IAM5[Resource::<${consoleBucketLogicalId(node)}.Arn>/*]`, reason: BUCKET_DEPLOYMENT_REASON },
        { id: `AwsSolutions-IAM5[Resource::${assetsBucketObjectsArn(node)}]`, reason: BUCKET_DEPLOYMENT_REASON },
      );
    }
  }
}

/**
 * The CDK assets bucket's objects, as cdk-nag names them: with the account and Region as
 * placeholders in an environment-agnostic synth, as values when the stack's environment is known.
 */
function assetsBucketObjectsArn(handler: IConstruct): string {
  const stack = Stack.of(handler);
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  return `arn:${partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${region}/*`;
}

/** The logical id of the console bucket the deployment handler writes to (named in its IAM5 finding). */
function consoleBucketLogicalId(handler: IConstruct): string {
  const web = Stack.of(handler)
    .node.findAll()
    .find((n): n is WebDistribution => n instanceof WebDistribution);
  return web ? Stack.of(handler).getLogicalId(web.consoleBucket.node.defaultChild as CfnElement) : 'none';
}
