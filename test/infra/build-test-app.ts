import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
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

const templates = new WeakMap<Stack, Template>();

/** The template of `stack` (synthesised once per stack). */
export function templateOf(stack: Stack): Template {
  let template = templates.get(stack);
  if (!template) {
    template = Template.fromStack(stack);
    templates.set(stack, template);
  }
  return template;
}

/** A stack's template and those of its nested stacks (the API stack keeps its functions in nested stacks). */
export function templatesOf(stack: Stack): Template[] {
  const nested = stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack);
  return [stack, ...nested].map(templateOf);
}

/** Every resource of `type` in a stack and its nested stacks, with its logical id. */
export function resourcesIn(stack: Stack, type: string): Array<[string, { Properties: Record<string, any> }]> {
  return templatesOf(stack).flatMap((t) =>
    Object.entries((t.toJSON().Resources ?? {}) as Record<string, { Type: string; Properties: Record<string, any> }>).filter(([, r]) => r.Type === type),
  );
}

/** A function's resource in its own stack's template (`_template` is kept for the callers' symmetry). */
export function functionResource(_template: Template | undefined, fn: HandlerFunction): { Properties: Record<string, any> } {
  const logicalId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
  return templateOf(Stack.of(fn)).toJSON().Resources[logicalId];
}

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the execution role's policy of `fn`. */
export function roleStatements(_template: Template | undefined, fn: HandlerFunction): PolicyStatement[] {
  const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnPolicy;
  const logicalId = Stack.of(fn).getLogicalId(policy);
  return templateOf(Stack.of(fn)).toJSON().Resources[logicalId].Properties.PolicyDocument.Statement;
}

export function actionsOf(statements: PolicyStatement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/**
 * What a nested stack's `{Ref: <parameter>}` stands for: the value its parent passes for that
 * parameter (CDK turns a reference to the parent into one). Any other value is returned as it is.
 */
export function parameterValue(parent: Stack, nested: Stack, value: unknown): unknown {
  const ref = (value as { Ref?: string } | undefined)?.Ref;
  if (!ref || !(nested instanceof NestedStack)) return value;
  const stackId = parent.getLogicalId(nested.nestedStackResource as never);
  const parameters = templateOf(parent).toJSON().Resources[stackId].Properties.Parameters as Record<string, unknown>;
  return ref in parameters ? parameters[ref] : value;
}

/**
 * What `value`, written in `from`'s template, finally stands for across the API stack's nesting: a
 * parameter becomes what the parent passes, and a nested stack's output what that stack declares.
 */
export function crossStackValue(parent: Stack, from: Stack, value: unknown): unknown {
  const passed = parameterValue(parent, from, value);
  const getAtt = (passed as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
  if (!getAtt || !getAtt[1].startsWith('Outputs.')) return passed;
  const nested = parent.node
    .findAll()
    .filter((c): c is NestedStack => c instanceof NestedStack)
    .find((n) => parent.getLogicalId(n.nestedStackResource as never) === getAtt[0]);
  if (!nested) return passed;
  return (templateOf(nested).toJSON().Outputs as Record<string, { Value: unknown }>)[getAtt[1].slice('Outputs.'.length)]?.Value;
}
