import { hotelOfEntity, type AuditEntry } from '#domain/audit.ts';
import { ValidationError } from '#domain/errors.ts';
import type { CatalogAdminRepository } from '#ports/catalog-admin.repository.ts';
import type { KeysetPage, PagePosition } from '#ports/pagination.ts';

/**
 * `GET /api/admin/audit?entity=hotels/<id>[/...]`: the entries of a resource and of everything
 * under it, newest first. The entity is the resource's admin path, so the hotel's own entries,
 * a room type's, its rate plans' and its calendar's are found the same way.
 */
export async function listAudit(
  deps: { admin: Pick<CatalogAdminRepository, 'listAudit'> },
  input: { entity: string; limit: number; after?: PagePosition },
): Promise<KeysetPage<AuditEntry>> {
  const entity = input.entity.replace(/\/+$/, '');
  const hotelId = hotelOfEntity(entity);
  if (!hotelId) {
    throw new ValidationError('query.entity: name a resource such as hotels/<hotelId> or hotels/<hotelId>/room-types/<roomTypeId>.', [
      { field: 'query.entity', message: 'must be a resource path starting with hotels/<hotelId>' },
    ]);
  }
  return deps.admin.listAudit(hotelId, entity, { limit: input.limit, ...(input.after ? { after: input.after } : {}) });
}
