import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataStack } from '../../../infra/stacks/data-stack.ts';
import { MAIN_TABLE } from '../../../shared/adapters/dynamodb/table-definition.ts';
import { testApp } from '../build-test-app.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

describe('DataStack', () => {
  let resources: Record<string, Resource>;
  let outputs: Record<string, unknown>;
  const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);

  beforeAll(() => {
    // Alone: the data stack depends on nothing else, so its tests do not wait on the route table.
    const stack = new DataStack(testApp(), 'Data');
    const template = Template.fromStack(stack).toJSON();
    resources = template.Resources;
    outputs = template.Outputs;
  });

  describe('the table', () => {
    it('has the keys, indexes and TTL attribute of MAIN_TABLE', () => {
      // prepare
      const [table] = ofType('AWS::DynamoDB::GlobalTable');
      const expectedIndexes = MAIN_TABLE.globalSecondaryIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: [
          { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      }));

      // act
      const props = table!.Properties;

      // assess
      expect(props.KeySchema).toEqual([
        { AttributeName: MAIN_TABLE.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: MAIN_TABLE.sortKey.name, KeyType: 'RANGE' },
      ]);
      expect(props.GlobalSecondaryIndexes).toEqual(expectedIndexes);
      expect(props.TimeToLiveSpecification).toEqual({ AttributeName: MAIN_TABLE.timeToLiveAttribute, Enabled: true });
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    });

    it('is protected: point-in-time recovery, deletion protection, retained on stack deletion', () => {
      const [table] = ofType('AWS::DynamoDB::GlobalTable');
      const [replica] = table!.Properties.Replicas;

      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(replica.DeletionProtectionEnabled).toBe(true);
      expect(table!.DeletionPolicy).toBe('Retain');
      expect(table!.UpdateReplacePolicy).toBe('Retain');
    });
  });

  describe('the PMS credentials key and the Stripe secret', () => {
    it('has one symmetric key with yearly rotation, retained with the stack', () => {
      const keys = ofType('AWS::KMS::Key');

      expect(keys).toHaveLength(1);
      expect(keys[0]!.Properties.EnableKeyRotation).toBe(true);
      expect(keys[0]!.DeletionPolicy).toBe('Retain');
      expect(keys[0]!.UpdateReplacePolicy).toBe('Retain');
    });

    it('has retained secrets for the Stripe key and the webhook secret, generated rather than written in the template', () => {
      const secrets = ofType('AWS::SecretsManager::Secret');

      expect(secrets).toHaveLength(2);
      for (const secret of secrets) {
        expect(secret.Properties.GenerateSecretString).toBeDefined();
        expect(secret.Properties.SecretString).toBeUndefined();
        expect(secret.DeletionPolicy).toBe('Retain');
      }
    });

    it('outputs the secret ARN and the key ARN for the deploy guide', () => {
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['StripeSecretArn', 'PmsCredentialsKeyArn']));
    });
  });

  describe('the user pool', () => {
    it('has the admin, hotel_manager and guest groups, admin first', () => {
      const groups = ofType('AWS::Cognito::UserPoolGroup').map((g) => [g.Properties.GroupName, g.Properties.Precedence]);

      expect(groups.sort()).toEqual([['admin', 0], ['guest', 2], ['hotel_manager', 1]]);
    });

    it('lets guests sign themselves up, with an e-mail verified by a code before the account can sign in', () => {
      const [pool] = ofType('AWS::Cognito::UserPool');

      expect(pool!.Properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false });
      expect(pool!.Properties.AutoVerifiedAttributes).toEqual(['email']);
      expect(pool!.Properties.UsernameAttributes).toEqual(['email']);
      expect(pool!.Properties.VerificationMessageTemplate).toMatchObject({ DefaultEmailOption: 'CONFIRM_WITH_CODE' });
    });

    it('keeps the verified e-mail in tokens until a new one is verified, so an e-mail is never unproven', () => {
      const [pool] = ofType('AWS::Cognito::UserPool');

      expect(pool!.Properties.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    });

    it("has staff-only custom attributes that the app client cannot write, nor email_verified", () => {
      const [pool] = ofType('AWS::Cognito::UserPool');
      const [client] = ofType('AWS::Cognito::UserPoolClient');
      const custom = (pool!.Properties.Schema as Array<{ Name: string; Mutable: boolean }>).filter((a) => ['hotel_ids', 'vip_level'].includes(a.Name));

      expect(custom.map((a) => [a.Name, a.Mutable]).sort()).toEqual([['hotel_ids', true], ['vip_level', true]]);
      expect(client!.Properties.WriteAttributes.sort()).toEqual(['email', 'family_name', 'given_name', 'locale', 'phone_number']);
    });

    it('is retained, deletion-protected, with a strong password policy', () => {
      const [pool] = ofType('AWS::Cognito::UserPool');

      expect(pool!.DeletionPolicy).toBe('Retain');
      expect(pool!.Properties.DeletionProtection).toBe('ACTIVE');
      expect(pool!.Properties.Policies.PasswordPolicy).toMatchObject({
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      });
    });

    it('has one public app client: no secret, SRP sign-in, no OAuth flows', () => {
      const clients = ofType('AWS::Cognito::UserPoolClient');

      expect(clients).toHaveLength(1);
      expect(clients[0]!.Properties.GenerateSecret).toBe(false);
      expect(clients[0]!.Properties.ExplicitAuthFlows).toContain('ALLOW_USER_SRP_AUTH');
      expect(clients[0]!.Properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
      expect(clients[0]!.Properties.AllowedOAuthFlowsUserPoolClient).toBe(false);
    });
  });
});
