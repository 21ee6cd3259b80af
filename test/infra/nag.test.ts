import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { acknowledgeAcceptedFindings, applyNagChecks } from '../../infra/nag.ts';
import type { ScheduleDefinition } from '../../shared/schedules/schedule-table.ts';
import { buildTestApp } from './build-test-app.ts';

/** A writer job, so the check also covers table write grants while the real schedule table is empty. */
const writerJob: ScheduleDefinition = {
  id: 'nag-writer',
  handler: 'health/get-health',
  everyMinutes: 1,
  description: 'Test job',
  permissions: ['table:write'],
};

/** A full synth with the checks takes 15-35 s on a loaded two-core machine: a budget, not an assertion. */
const FULL_SYNTH = { timeout: 120_000 };

/**
 * cdk-nag 3 reports through CDK's validation framework, not stack annotations: findings come
 * from the pack's report (`validateScope`), and an unacknowledged one fails `app.synth()`.
 */
describe('cdk-nag AWS Solutions checks', () => {
  it('finds nothing unacknowledged in the synthesised app', FULL_SYNTH, () => {
    // prepare
    const { app } = buildTestApp({ schedules: [writerJob] });
    const checks = applyNagChecks(app);

    // act: synth first, so cross-stack references are in their deployed form
    app.synth();
    const report = checks.validateScope(app);

    // assess
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    // A whole synth with every function and the nag pack: about 35 s on a busy 2-core machine.
  });

  it('finds nothing unacknowledged when the API is in another Region and the web ACL in its us-east-1 stack', FULL_SYNTH, () => {
    // prepare
    const { app, edge } = buildTestApp({ config: { region: 'eu-west-1', account: '123456789012' } });
    const checks = applyNagChecks(app);

    // act
    app.synth();
    const report = checks.validateScope(app);

    // assess
    expect(edge).toBeDefined();
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('would report the accepted findings without their acknowledgements', () => {
    const { app } = buildTestApp();

    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);

    expect(rules).toEqual(
      expect.arrayContaining([
        'AwsSolutions-APIG4',
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-COG2',
        'AwsSolutions-COG8',
        'AwsSolutions-SMG4',
        'AwsSolutions-SQS3',
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR4',
      ]),
    );
  });

  it('still reports a new wildcard that is not X-Ray', () => {
    // prepare
    const { app, api } = buildTestApp();
    const fn = [...api.httpApi.functions.values()][0]!;
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }));
    acknowledgeAcceptedFindings(app);

    // act
    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);

    // assess
    expect(rules).toEqual(['AwsSolutions-IAM5[Resource::arn:aws:s3:::bucket/*]']);
  });

  it('excuses the missing-DLQ finding for the saga dead-letter queue only, not for another queue', () => {
    // prepare
    const { app, api } = buildTestApp();
    new Queue(api, 'StrayQueue', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
    acknowledgeAcceptedFindings(app);

    // act
    const violations = new AwsSolutionsChecks().validateScope(app).violations;

    // assess
    expect(violations.map((v) => v.ruleName)).toEqual(['AwsSolutions-SQS3']);
    expect(violations[0]!.violatingResources.map((r) => r.constructPath)).toEqual([expect.stringContaining('/StrayQueue/')]);
  });

  it('fails the synth when a finding is not acknowledged', () => {
    const { app } = buildTestApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).toThrow(/AwsSolutions-APIG4/);
  });

  it('leaves no CDK warnings or errors on either stack', () => {
    const { app, data, api } = buildTestApp({ schedules: [writerJob] });
    applyNagChecks(app);
    app.synth();

    for (const stack of [data, api] as Stack[]) {
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });
});
