import type { SealedSecret } from '#domain/pms-config.ts';

/**
 * Envelope encryption of secrets at rest (PMS API keys, webhook secrets). `context` is bound to the
 * ciphertext (KMS encryption context / GCM additional data), so a sealed key copied onto another
 * config does not open.
 */
export interface SecretCipher {
  seal(plaintext: string, context: Record<string, string>): Promise<SealedSecret>;
  open(sealed: SealedSecret, context: Record<string, string>): Promise<string>;
}
