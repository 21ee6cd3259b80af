import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
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
 * The stateful half: the DynamoDB table and the Cognito user pool. Both are retained when the
 * stack goes and protected against deletion, so tearing down or replacing the stateless API stack
 * can never take bookings or accounts with it. Kept apart so the API stack can be destroyed and
 * redeployed freely.
 */
export class DataStack extends Stack {
  readonly table: dynamodb.TableV2;
  /** The table's global secondary index names, from the definition (grants name each one). */
  readonly tableIndexNames: readonly string[];
  readonly userPool: cognito.UserPool;
  /** The public client the SPA and the mobile app sign in with (no secret: it could not be kept). */
  readonly userPoolClient: cognito.UserPoolClient;
  readonly groups: Record<(typeof USER_GROUPS)[number], cognito.UserPoolGroup>;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, props);
    const tableDefinition = props.tableDefinition ?? MAIN_TABLE;
    this.table = this.createTable(tableDefinition);
    this.tableIndexNames = tableDefinition.globalSecondaryIndexes.map((index) => index.indexName);
    this.userPool = this.createUserPool();
    this.groups = this.createGroups();
    this.userPoolClient = this.createAppClient();

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
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
}

function toAttribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}
