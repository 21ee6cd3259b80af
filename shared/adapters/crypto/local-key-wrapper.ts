import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyWrapper } from './envelope-cipher.ts';

/**
 * The local stand-in for KMS: a 256-bit master key in a file (created on first use, mode 0600,
 * kept out of git under `.local/`) wraps each data key with AES-256-GCM.
 */
export class LocalKeyWrapper implements KeyWrapper {
  readonly keyId = 'local';
  private master: Promise<Buffer> | undefined;

  constructor(private readonly keyFile: string) {}

  private masterKey(): Promise<Buffer> {
    this.master ??= (async () => {
      try {
        const key = Buffer.from((await readFile(this.keyFile, 'utf8')).trim(), 'base64');
        if (key.length !== 32) throw new Error(`${this.keyFile} does not hold a 256-bit base64 key`);
        return key;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const key = randomBytes(32);
        await mkdir(dirname(this.keyFile), { recursive: true });
        await writeFile(this.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
        });
        await chmod(this.keyFile, 0o600);
        return Buffer.from((await readFile(this.keyFile, 'utf8')).trim(), 'base64');
      }
    })();
    return this.master;
  }

  async generateDataKey(context: Record<string, string>) {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.masterKey(), iv);
    cipher.setAAD(Buffer.from(JSON.stringify(Object.entries(context).sort())));
    const wrapped = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return { plaintext, wrapped: wrapped.toString('base64') };
  }

  async unwrap(wrapped: string, context: Record<string, string>) {
    const blob = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', await this.masterKey(), blob.subarray(0, 12));
    decipher.setAAD(Buffer.from(JSON.stringify(Object.entries(context).sort())));
    decipher.setAuthTag(blob.subarray(blob.length - 16));
    return Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
  }
}
