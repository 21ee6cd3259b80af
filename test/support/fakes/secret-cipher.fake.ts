import type { SealedSecret } from '../../../shared/domain/pms-config.ts';
import type { SecretCipher } from '../../../shared/ports/secret-cipher.port.ts';
import { Failures } from './failures.ts';

const canonical = (context: Record<string, string>) => JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));

/**
 * A cipher with the envelope cipher's contract and none of its cryptography: a sealed secret opens
 * only with the context it was sealed with (a key copied onto another config does not open), and
 * the plaintext does not appear in the sealed value as such. Not secure; for tests only.
 */
export class FakeSecretCipher implements SecretCipher {
  readonly failures = new Failures<'seal' | 'open'>();
  /** Plaintexts by sealed ciphertext; the sealed value carries only an opaque handle. */
  private readonly vault = new Map<string, { plaintext: string; context: string }>();
  private sequence = 0;

  async seal(plaintext: string, context: Record<string, string>): Promise<SealedSecret> {
    return this.failures.run('seal', () => {
      const handle = `sealed-${++this.sequence}`;
      this.vault.set(handle, { plaintext, context: canonical(context) });
      return { v: 1, wrappedKey: `wrapped-${this.sequence}`, keyId: 'fake', iv: 'iv', tag: 'tag', ciphertext: Buffer.from(handle).toString('base64') };
    });
  }

  async open(sealed: SealedSecret, context: Record<string, string>): Promise<string> {
    return this.failures.run('open', () => {
      const entry = this.vault.get(Buffer.from(sealed.ciphertext, 'base64').toString('utf8'));
      if (!entry || entry.context !== canonical(context)) throw new Error('Unsupported state or unable to authenticate data');
      return entry.plaintext;
    });
  }
}
