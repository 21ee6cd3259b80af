import type { Principal } from './principal.ts';

/** Who an audited change is by: the token's subject and e-mail (the authorizer guarantees a principal on non-public routes). */
export function actorOf(principal: Principal | undefined): { subject: string; email?: string } {
  if (!principal) return { subject: 'unknown' };
  return { subject: principal.subject, ...(principal.verifiedEmail ? { email: principal.verifiedEmail } : {}) };
}
