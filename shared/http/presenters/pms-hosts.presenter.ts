import type * as z from 'zod';
import type { PmsAllowedHosts } from '#domain/pms-egress.ts';
import type { AllowedHostsDto } from '../schemas/pms-hosts.schema.ts';

export function presentAllowedHosts(list: PmsAllowedHosts): z.output<typeof AllowedHostsDto> {
  return {
    vendor: list.vendor,
    hosts: list.hosts,
    version: list.version,
    updatedAt: list.updatedAt ?? null,
    updatedBy: list.updatedBy ?? null,
    history: list.history,
  };
}
