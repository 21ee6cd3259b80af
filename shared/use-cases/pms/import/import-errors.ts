import { DomainError } from '#domain/errors.ts';

/**
 * The import cannot be stored as asked without breaking a mapping that exists: the chosen hotel id
 * already belongs to another PMS hotel, or another import of the same PMS hotel committed while
 * this one was running (409; retrying reads the new state and updates it).
 */
export class ImportConflictError extends DomainError {
  override readonly name = 'ImportConflictError';
  readonly code = 'IMPORT_CONFLICT';
}
