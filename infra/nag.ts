import { Validations, type App } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HandlerFunction } from './constructs/handler-function.ts';

/**
 * cdk-nag's AWS Solutions rules over the whole app, and every finding we accept on purpose, each
 * with its reason. Findings are fixed where a fix exists (own log groups instead of the managed
 * execution policy, index-exact table grants instead of `index/*`, access logs on the stage); what
 * is left is below. cdk-nag 3 reports through CDK's validation framework: an unacknowledged
 * finding fails `cdk synth`.
 *
 * Acknowledgements are found by construct type, not by path, so a route or function added to the
 * tables gets the same treatment without touching this file; anything new and unexpected still fails.
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
      'MFA is optional (TOTP) rather than required: guests are consumers booking a room and would be turned away ' +
      'by a mandatory authenticator app. Accounts are admin-created only; administrators enrol TOTP (docs/deploy.md).',
  },
  essentialsTier: {
    id: 'AwsSolutions-COG8',
    reason:
      'Essentials tier: the Plus tier (threat protection) is billed per monthly active user, which an open-source ' +
      'sample should not impose. Self sign-up is off and the password policy is strict; switch `featurePlan` to ' +
      'PLUS for a production guest base.',
  },
} as const;

/** Registers the AWS Solutions checks on `app` and acknowledges the accepted findings. Call after `buildApp`. */
export function applyNagChecks(app: App): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(checks);
  acknowledgeAcceptedFindings(app);
  return checks;
}

/** Records the acknowledgements of `NAG_ACKNOWLEDGEMENTS` on the constructs they concern. */
export function acknowledgeAcceptedFindings(scope: IConstruct): void {
  for (const node of scope.node.findAll()) {
    if (node instanceof apigw.CfnRoute && node.authorizationType === 'NONE') {
      Validations.of(node).acknowledge(NAG_ACKNOWLEDGEMENTS.publicRoute);
    } else if (node instanceof HandlerFunction) {
      const policy = node.role?.node.tryFindChild('DefaultPolicy');
      if (policy) Validations.of(policy).acknowledge(NAG_ACKNOWLEDGEMENTS.xrayWildcard);
    } else if (node instanceof cognito.CfnUserPool) {
      Validations.of(node).acknowledge(NAG_ACKNOWLEDGEMENTS.optionalMfa, NAG_ACKNOWLEDGEMENTS.essentialsTier);
    }
  }
}
