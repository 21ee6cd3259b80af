import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../shared/adapters/dynamodb/table-definition.ts';
import { MAIN_TABLE } from '../../shared/adapters/dynamodb/table-definition.ts';

/** The groups `shared/http/principal.ts` reads from `cognito:groups`. */
export const USER_GROUPS = ['admin', 'guest'] as const;

export interface DataStackProps extends StackProps {
  /** @default MAIN_TABLE, the definition the code and the local bootstrap use */
  tableDefinition?: TableDefinition;
}

/**
 * The stateful half: the DynamoDB table, the Cognito user pool, the KMS key that seals the PMS
 * credentials stored in the table, and the secret holding the Stripe key. All are retained when
 * the stack goes (table and pool are also deletion-protected), so tearing down or replacing the
 * stateless API stack can never take bookings, accounts or the means to read stored credentials
 * with it. Kept apart so the API stack can be destroyed and redeployed freely.
 */
export class DataStack extends Stack {
  readonly table: dynamodb.TableV2;
  /** The table's global secondary index names, from the definition (grants name each one). */
  readonly tableIndexNames: readonly string[];
  readonly userPool: cognito.UserPool;
  /** The public client the SPA and the mobile app sign in with (no secret: it could not be kept). */
  readonly userPoolClient: cognito.UserPoolClient;
  readonly groups: Record<(typeof USER_GROUPS)[number], cognito.UserPoolGroup>;
  /**
   * Wraps the data keys that seal each PMS config's credentials (envelope encryption,
   * `shared/adapters/crypto`). Lives with the table because the sealed credentials are useless
   * without it: a new key cannot open what the old one sealed.
   */
  readonly pmsCredentialsKey: kms.Key;
  /** The Stripe secret key (`sk_live_...`), as a plain string; CDK creates a placeholder, ops put the real value. */
  readonly stripeSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, props);
    const tableDefinition = props.tableDefinition ?? MAIN_TABLE;
    this.table = this.createTable(tableDefinition);
    this.tableIndexNames = tableDefinition.globalSecondaryIndexes.map((index) => index.indexName);
    this.userPool = this.createUserPool();
    this.groups = this.createGroups();
    this.userPoolClient = this.createAppClient();
    this.pmsCredentialsKey = this.createPmsCredentialsKey();
    this.stripeSecret = this.createStripeSecret();

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'StripeSecretArn', {
      value: this.stripeSecret.secretArn,
      description: 'Put the Stripe secret key here (aws secretsmanager put-secret-value, docs/deploy.md)',
    });
    new CfnOutput(this, 'PmsCredentialsKeyArn', { value: this.pmsCredentialsKey.keyArn });
  }

  /** Built from the shared definition, so keys and indexes match what the repositories query. */
  private createTable(def: TableDefinition): dynamodb.TableV2 {
    return new dynamodb.TableV2(this, def.id, {
      partitionKey: toAttribute(def.partitionKey),
      sortKey: toAttribute(def.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: def.timeToLiveAttribute,
      globalSecondaryIndexes: def.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: toAttribute(index.partitionKey),
        sortKey: toAttribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });
  }

  /**
   * Accounts are created by an administrator (no self sign-up): guests of this backend are the
   * hotel's customers that the front office enrols. MFA is optional so guests are not forced into
   * an authenticator app; administrators should enrol TOTP (docs/deploy.md).
   */
  private createUserPool(): cognito.UserPool {
    return new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private createGroups(): DataStack['groups'] {
    const [admin, guest] = USER_GROUPS.map(
      (name, precedence) =>
        new cognito.UserPoolGroup(this, `${name[0]!.toUpperCase()}${name.slice(1)}Group`, {
          userPool: this.userPool,
          groupName: name,
          // Lower wins when a user is in several groups: admin first.
          precedence,
          description: name === 'admin' ? 'Hotel staff: every admin route' : 'Signed-in guests: booking routes',
        }),
    );
    return { admin: admin!, guest: guest! };
  }

  /**
   * SRP for the apps; admin password auth for operators and scripts holding IAM credentials
   * (docs/deploy.md gets a token that way). Plain `USER_PASSWORD_AUTH` stays off so a password never
   * travels to Cognito in the clear from a public client. No hosted UI / OAuth flows.
   */
  private createAppClient(): cognito.UserPoolClient {
    return this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userSrp: true, adminUserPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }

  /**
   * Symmetric, rotated yearly (KMS keeps the earlier key material, so credentials sealed before a
   * rotation still open), retained with the stack. The functions get `kms:GenerateDataKey` and
   * `kms:Decrypt` on it through the `pms:credentials` permission; nothing else is granted here.
   */
  private createPmsCredentialsKey(): kms.Key {
    return new kms.Key(this, 'PmsCredentialsKey', {
      description: `${this.stackName}: wraps the data keys that seal PMS credentials in the table`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Created with a random placeholder (never a real key in a template), read by the payment
   * functions through `payments:secret`. The code reads `SecretString` as the key itself, not JSON.
   * Retained: a redeploy must not lose the value ops put there.
   */
  private createStripeSecret(): secretsmanager.Secret {
    return new secretsmanager.Secret(this, 'StripeSecretKey', {
      description: `${this.stackName}: the Stripe secret key (sk_...), a plain string. Set it after the first deploy.`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

function toAttribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}
