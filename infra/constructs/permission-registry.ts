import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Permission } from '../../shared/http/route.ts';
import type { HandlerFunction } from './handler-function.ts';

/** The permissions the table itself answers; every other one needs a provider (see `PermissionRegistry.provide`). */
export type TablePermission = Extract<Permission, `table:${string}`>;

/**
 * What one declared permission does to a function: the narrowest grant on the resource, and
 * usually an environment variable naming it (`fn.addEnvironment('STATE_MACHINE_ARN', ...)`).
 */
export type PermissionBinding = (fn: HandlerFunction) => void;

/** Item reads; `DescribeTable` and stream reads are left out because no code path uses them. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
] as const;

/** Item writes; `TransactWriteItems` is authorized through these per-item actions. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
] as const;

/** Global secondary indexes can only be queried or scanned. */
export const INDEX_READ_ACTIONS = ['dynamodb:Query', 'dynamodb:Scan'] as const;

/**
 * Turns the permissions a route or job declares (`shared/http/route.ts`) into IAM grants, so each
 * function holds exactly what its entry in the tables says. The table permissions are built in;
 * each construct that owns another resource registers the permission it answers, before the
 * functions that use it are created:
 *
 * ```ts
 * registry.provide('saga:start', (fn) => {
 *   stateMachine.grantStartExecution(fn);
 *   fn.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
 * });
 * ```
 *
 * A function that declares a permission nobody provides fails the synth: deploying it would only
 * move the failure to an AccessDenied at run time.
 */
export class PermissionRegistry {
  private readonly bindings = new Map<Permission, PermissionBinding>();

  constructor(
    /** The one table; its name is in every function's `TABLE_NAME` (the config module requires it). */
    readonly table: ITableV2,
    /** Its global secondary index names, so grants can name each index instead of `index/*`. */
    readonly tableIndexNames: readonly string[],
  ) {}

  /** Registers how `permission` is granted. Each permission has exactly one provider. */
  provide(permission: Exclude<Permission, TablePermission>, binding: PermissionBinding): void {
    if (this.bindings.has(permission)) throw new Error(`Permission "${permission}" is already provided.`);
    this.bindings.set(permission, binding);
  }

  /** Whether a function declaring `permission` could be granted it now. */
  isProvided(permission: Permission): boolean {
    return permission.startsWith('table:') || this.bindings.has(permission);
  }

  /** Grants `fn` everything in `permissions`, and nothing else. */
  grant(fn: HandlerFunction, permissions: readonly Permission[]): void {
    grantTablePermissions(fn, this.table, this.tableIndexNames, permissions);
    for (const permission of new Set(permissions)) {
      if (permission.startsWith('table:')) continue;
      const binding = this.bindings.get(permission);
      if (!binding) {
        throw new Error(
          `functions/${fn.handlerName} declares permission "${permission}", but nothing in the stack provides it yet: ` +
            'create the resource before the functions and call registry.provide() (infra/constructs/permission-registry.ts).',
        );
      }
      binding(fn);
    }
  }
}

/**
 * `table:read` gets the item reads, `table:write` the reads and the writes (a writer reads back
 * keys and conditions). A function that declares neither gets no table access at all. Unlike
 * `table.grantReadData()`, which adds `<table>/index/*`, each index is named: the grant reaches
 * exactly the indexes the table definition has, and cdk-nag has no wildcard to flag.
 */
export function grantTablePermissions(
  grantee: iam.IGrantable,
  table: ITableV2,
  indexNames: readonly string[],
  permissions: readonly Permission[],
): void {
  const writes = permissions.includes('table:write');
  const reads = writes || permissions.includes('table:read');
  if (!reads) return;
  iam.Grant.addToPrincipal({
    grantee,
    actions: [...TABLE_READ_ACTIONS, ...(writes ? TABLE_WRITE_ACTIONS : [])],
    resourceArns: [table.tableArn],
  });
  if (indexNames.length > 0) {
    iam.Grant.addToPrincipal({
      grantee,
      actions: [...INDEX_READ_ACTIONS],
      resourceArns: indexNames.map((name) => `${table.tableArn}/index/${name}`),
    });
  }
  // Only when the table moves to a customer-managed key; the default AWS-owned key needs no grant.
  if (writes) table.encryptionKey?.grantEncryptDecrypt(grantee);
  else table.encryptionKey?.grantDecrypt(grantee);
}
