/**
 * Masking of a guest's contact details for readers who are neither the guest nor an admin (seed
 * 001 "개인정보 마스킹"): enough to recognise a guest at the desk, not enough to contact them.
 */

/** `john.doe@example.com` -> `j***e@example.com` (seed 001 `mask_email`); a one-letter local part -> `j***@...`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const first = [...local][0]!;
  const last = local.length > 1 ? [...local].at(-1)! : '';
  return `${first}***${last}@${domain}`;
}

/** `+82 10 1234 5678` -> `***5678`: the last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `***${digits.slice(-4)}`;
}
