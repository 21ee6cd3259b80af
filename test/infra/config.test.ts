import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { InfraConfigError, parseInfraConfig, readInfraConfig } from '../../infra/config.ts';

describe('infra config', () => {
  it('defaults to the dev stage, 30 days of logs, INFO, any origin, 180 s holds, no alarm e-mail and a placeholder mail sender', () => {
    const config = readInfraConfig(new App(), {});

    expect(config).toEqual({ stage: 'dev', logRetentionDays: 30, logLevel: 'INFO', allowedOrigins: ['*'], holdTtlSeconds: 180, mailFrom: 'no-reply@example.com' });
  });

  it('reads the guest-mail sender and its domain, and refuses a domain that is not the address\'s', () => {
    const config = readInfraConfig(new App({ context: { mailFrom: 'stay@mail.hotel.example' } }), { MAIL_DOMAIN: 'hotel.example' });

    expect(config).toMatchObject({ mailFrom: 'stay@mail.hotel.example', mailDomain: 'hotel.example' });
    expect(() => parseInfraConfig({ mailFrom: 'stay@hotel.example', mailDomain: 'other.example' })).toThrow(/mailDomain/);
    expect(() => parseInfraConfig({ mailFrom: 'not-an-address' })).toThrow(/mailFrom/);
  });

  it('reads the hold lifetime and the alarm e-mail, and refuses a hold shorter than a minute or a bad address', () => {
    const config = readInfraConfig(new App({ context: { holdTtlSeconds: '300' } }), { ALARM_EMAIL: 'ops@example.com' });

    expect(config.holdTtlSeconds).toBe(300);
    expect(config.alarmEmail).toBe('ops@example.com');
    expect(() => parseInfraConfig({ holdTtlSeconds: '30' })).toThrow(/holdTtlSeconds/);
    expect(() => parseInfraConfig({ alarmEmail: 'ops' })).toThrow(/alarmEmail/);
  });

  it('reads the environment, and lets CDK context win over it', () => {
    // prepare
    const app = new App({ context: { stage: 'prod' } });
    const env = {
      STAGE: 'staging',
      LOG_RETENTION_DAYS: '90',
      ALLOWED_ORIGINS: 'https://app.example.com, https://admin.example.com',
      CDK_DEFAULT_REGION: 'eu-west-1',
    };

    // act
    const config = readInfraConfig(app, env);

    // assess
    expect(config.stage).toBe('prod');
    expect(config.logRetentionDays).toBe(90);
    expect(config.allowedOrigins).toEqual(['https://app.example.com', 'https://admin.example.com']);
    expect(config.region).toBe('eu-west-1');
  });

  it('refuses a retention CloudWatch does not offer, naming the knob', () => {
    expect(() => parseInfraConfig({ logRetentionDays: '8' })).toThrow(InfraConfigError);
    expect(() => parseInfraConfig({ logRetentionDays: '8' })).toThrow(/logRetentionDays/);
  });

  it('refuses a stage name that cannot go into a stack name', () => {
    expect(() => parseInfraConfig({ stage: 'Prod_1' })).toThrow(/stage/);
  });

  it('refuses an origin that is not an http(s) URL', () => {
    expect(() => parseInfraConfig({ allowedOrigins: 'app.example.com' })).toThrow(/allowedOrigins/);
  });

  it('reads the managed login domain prefix, and refuses one Cognito would refuse', () => {
    expect(readInfraConfig(new App(), { AUTH_DOMAIN_PREFIX: 'acme-hotels-prod' }).authDomainPrefix).toBe('acme-hotels-prod');
    expect(() => parseInfraConfig({ authDomainPrefix: 'Acme_Hotels' })).toThrow(/authDomainPrefix/);
    expect(() => parseInfraConfig({ authDomainPrefix: 'my-cognito-login' })).toThrow(/authDomainPrefix/);
  });
});
