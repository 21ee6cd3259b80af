import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, onTestFinished } from 'vitest';
import { EnvelopeCipher } from '../../../../shared/adapters/crypto/envelope-cipher.ts';
import { KmsKeyWrapper } from '../../../../shared/adapters/crypto/kms-key-wrapper.ts';
import { LocalKeyWrapper } from '../../../../shared/adapters/crypto/local-key-wrapper.ts';

const context = { purpose: 'pms-credentials', configId: 'pms_cloudbeds_1' };

describe('EnvelopeCipher with the local key file', () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'cipher-')), 'master.key');
  const cipher = new EnvelopeCipher(new LocalKeyWrapper(keyFile));

  it('seals a secret so that the stored form does not contain it, and opens it again', async () => {
    const sealed = await cipher.seal('cbat_super_secret_key', context);
    expect(JSON.stringify(sealed)).not.toContain('cbat_super_secret_key');
    expect(sealed).toMatchObject({ v: 1, keyId: 'local' });
    expect(await cipher.open(sealed, context)).toBe('cbat_super_secret_key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('refuses to open a secret under another context (a key copied onto another config)', async () => {
    const sealed = await cipher.seal('cbat_super_secret_key', context);
    await expect(cipher.open(sealed, { ...context, configId: 'pms_other' })).rejects.toThrow();
  });

  it('refuses a tampered ciphertext', async () => {
    const sealed = await cipher.seal('cbat_super_secret_key', context);
    const tampered = { ...sealed, ciphertext: Buffer.from('x'.repeat(21)).toString('base64') };
    await expect(cipher.open(tampered, context)).rejects.toThrow();
  });
});

describe('EnvelopeCipher with KMS', () => {
  it('asks KMS for a data key bound to the context and unwraps it with the same context', async () => {
    const client = new KMSClient({ region: 'eu-west-1' });
    const kms = mockClient(client);
    onTestFinished(() => kms.restore());
    const dataKey = randomBytes(32);
    kms.on(GenerateDataKeyCommand).resolves({ Plaintext: new Uint8Array(dataKey), CiphertextBlob: new Uint8Array([1, 2, 3]) });
    kms.on(DecryptCommand).resolves({ Plaintext: new Uint8Array(dataKey) });
    const cipher = new EnvelopeCipher(new KmsKeyWrapper(client, 'arn:aws:kms:eu-west-1:1:key/k'));

    const sealed = await cipher.seal('opera-client:secret:app', context);
    expect(await cipher.open(sealed, context)).toBe('opera-client:secret:app');
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]!.args[0].input).toEqual({ KeyId: 'arn:aws:kms:eu-west-1:1:key/k', KeySpec: 'AES_256', EncryptionContext: context });
    const decrypt = kms.commandCalls(DecryptCommand)[0]!.args[0].input;
    expect(decrypt.EncryptionContext).toEqual(context);
    expect(Buffer.from(decrypt.CiphertextBlob!)).toEqual(Buffer.from([1, 2, 3]));
    expect(sealed.wrappedKey).toBe(Buffer.from([1, 2, 3]).toString('base64'));
  });
});
