import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KeyWrapper } from './envelope-cipher.ts';

/** Data keys from AWS KMS (`GenerateDataKey` / `Decrypt`), bound to the encryption context. */
export class KmsKeyWrapper implements KeyWrapper {
  constructor(
    private readonly client: KMSClient,
    readonly keyId: string,
  ) {}

  async generateDataKey(context: Record<string, string>) {
    const out = await this.client.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: context }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob).toString('base64') };
  }

  async unwrap(wrapped: string, context: Record<string, string>) {
    const out = await this.client.send(
      new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(wrapped, 'base64'), EncryptionContext: context }),
    );
    if (!out.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(out.Plaintext);
  }
}
