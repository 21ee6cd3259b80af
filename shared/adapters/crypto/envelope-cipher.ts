import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from '#domain/pms-config.ts';
import type { SecretCipher } from '#ports/secret-cipher.port.ts';

/** Wraps and unwraps 256-bit data keys with a master key that never leaves its home. */
export interface KeyWrapper {
  readonly keyId: string;
  /** A fresh data key, in the clear and wrapped. */
  generateDataKey(context: Record<string, string>): Promise<{ plaintext: Buffer; wrapped: string }>;
  unwrap(wrapped: string, context: Record<string, string>): Promise<Buffer>;
}

/** Canonical additional data: the context's entries sorted, so the order callers use never matters. */
function aad(context: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));
}

/**
 * AES-256-GCM envelope encryption: every secret gets its own data key, wrapped by the master key
 * (KMS on AWS, a local key file on a laptop). The plaintext key is dropped after use.
 */
export class EnvelopeCipher implements SecretCipher {
  constructor(private readonly wrapper: KeyWrapper) {}

  async seal(plaintext: string, context: Record<string, string>): Promise<SealedSecret> {
    const { plaintext: key, wrapped } = await this.wrapper.generateDataKey(context);
    try {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        v: 1,
        wrappedKey: wrapped,
        keyId: this.wrapper.keyId,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      };
    } finally {
      key.fill(0);
    }
  }

  async open(sealed: SealedSecret, context: Record<string, string>): Promise<string> {
    const key = await this.wrapper.unwrap(sealed.wrappedKey, context);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } finally {
      key.fill(0);
    }
  }
}
