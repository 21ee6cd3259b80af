import * as z from 'zod';
import { MAX_ALLOWED_HOSTS } from '#domain/pms-egress.ts';
import { dataEnvelope } from './common.schema.ts';

/** `PUT /api/admin/pms/allowed-hosts`: the whole list; the use case normalises and checks each entry. */
export const ReplaceAllowedHostsBody = z
  .object({
    hosts: z
      .array(z.string().min(1).max(254))
      .max(MAX_ALLOWED_HOSTS)
      .meta({
        description: 'Host names generic PMSs may be reached at (https only); `.example.com` also allows every subdomain. The whole list: hosts not given are no longer allowed.',
        example: ['pms.example.com', '.hotel-partner.example'],
      }),
  })
  .strict();

export const AllowedHostsDto = z
  .object({
    vendor: z.literal('generic'),
    hosts: z.array(z.string()),
    version: z.number().int().meta({ description: 'Raised by every replacement; 0 when never set.' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable().meta({ description: "The admin (token subject) who made the last replacement." }),
    history: z
      .array(z.object({ version: z.number().int(), at: z.string(), by: z.string(), hosts: z.array(z.string()) }))
      .meta({ description: 'The latest replacements, newest first (at most 20).' }),
  })
  .meta({ id: 'PmsAllowedHosts' });

export const AllowedHostsResponse = dataEnvelope(AllowedHostsDto);
