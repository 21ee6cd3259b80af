import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';
import { readInfraConfig } from './config.ts';
import { applyNagChecks } from './nag.ts';

/**
 * The CDK entry point (`cdk.json` runs it with tsx). Settings come from `-c key=value`, cdk.json
 * context or the environment (infra/config.ts, docs/deploy.md); the stacks from `buildApp`, which
 * the tests build too; cdk-nag checks everything and fails the synth on an unexplained finding.
 */
const app = new App();
const config = readInfraConfig(app);
buildApp(app, config);
applyNagChecks(app);
app.synth();
