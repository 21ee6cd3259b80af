/**
 * How long shared caches (CloudFront, keyed by path, query string and `Authorization`) and browsers
 * may reuse public catalog answers (issue 9). Short on purpose: availability moves with every sale,
 * and a stale search only costs a refusal at checkout, which re-checks everything. Admin and guest
 * answers carry no `Cache-Control` and are never cached (the distribution's default TTL is 0).
 */
export const PUBLIC_CACHE_SECONDS = {
  /** Hotels, a hotel, its room types: they change when an admin edits them. */
  catalog: 60,
  /** Search results: prices and rooms left move with bookings. */
  search: 30,
  /** One hotel's availability for a stay: what a guest looks at right before checkout. */
  availability: 15,
} as const;

export function publicCacheHeaders(kind: keyof typeof PUBLIC_CACHE_SECONDS): Record<string, string> {
  return { 'cache-control': `public, max-age=${PUBLIC_CACHE_SECONDS[kind]}` };
}
