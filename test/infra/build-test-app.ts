import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { buildApp, type BuildAppOptions, type HotelBookingStacks } from '../../infra/build-app.ts';
import { parseInfraConfig, type InfraConfigInput } from '../../infra/config.ts';
import type { HandlerFunction } from '../../infra/constructs/handler-function.ts';
import { placeholderConsole } from '../../infra/constructs/web-distribution.ts';
import { REPO_ROOT } from '../../infra/constructs/handler-function.ts';

/** The feature flags `cdk synth` runs with, so the tests see the templates a deploy would. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * An empty app with cdk.json's feature flags and without bundling: `aws:cdk:bundling-stacks: []`
 * skips esbuild (assets become placeholders), which keeps a build around a second.
 */
export function testApp(): App {
  return new App({
    outdir: mkdtempSync(join(tmpdir(), 'hotel-cdk-test-')),
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
  });
}

export interface TestApp extends HotelBookingStacks {
  app: App;
}

/**
 * Builds the real app in-process: what `cdk synth` builds, minus the bundles, and with a one-page
 * placeholder instead of the console's build (a synth builds it with Vite; a test needs no build).
 */
export function buildTestApp(options: BuildAppOptions & { config?: InfraConfigInput } = {}): TestApp {
  const app = testApp();
  const stacks = buildApp(app, parseInfraConfig({ ...options.config }), { consoleSource: placeholderConsole(), ...options });
  return { app, ...stacks };
}

/** A function's resource in its stack's template. */
export function functionResource(template: Template, fn: HandlerFunction): { Properties: Record<string, any> } {
  const logicalId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
  return template.toJSON().Resources[logicalId];
}

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the execution role's policy of `fn`. */
export function roleStatements(template: Template, fn: HandlerFunction): PolicyStatement[] {
  const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnPolicy;
  const logicalId = Stack.of(fn).getLogicalId(policy);
  return template.toJSON().Resources[logicalId].Properties.PolicyDocument.Statement;
}

export function actionsOf(statements: PolicyStatement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
