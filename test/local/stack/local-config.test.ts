import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalConfigError, parseLocalConfig } from '../../../local/stack/local-config.ts';

describe('parseLocalConfig', () => {
  it('uses the documented defaults', () => {
    const config = parseLocalConfig({}, []);

    expect(config).toEqual({
      port: 3000,
      dynamoDbLocalPort: 8000,
      tableName: 'hotel-booking-local',
      region: 'local',
      logLevel: 'WARN',
      accessLog: true,
      schedules: true,
      rateLimits: true,
    });
  });

  it('turns every limit off with RATE_LIMITS=off, in any case', () => {
    expect(parseLocalConfig({ RATE_LIMITS: 'off' }, []).rateLimits).toBe(false);
    expect(parseLocalConfig({ RATE_LIMITS: 'OFF' }, []).rateLimits).toBe(false);
    expect(parseLocalConfig({ RATE_LIMITS: 'on' }, []).rateLimits).toBe(true);
  });

  it('reads the environment and --data-dir, made absolute', () => {
    const config = parseLocalConfig(
      { PORT: '0', DYNAMODB_LOCAL_PORT: '0', TABLE_NAME: 'mine', POWERTOOLS_LOG_LEVEL: 'debug', LOCAL_ACCESS_LOG: 'false' },
      ['--data-dir', '.local/db'],
    );

    expect(config).toMatchObject({ port: 0, dynamoDbLocalPort: 0, tableName: 'mine', logLevel: 'DEBUG', accessLog: false });
    expect(config.dataDir).toBe(resolve('.local/db'));
  });

  it('treats an empty variable as unset', () => {
    expect(parseLocalConfig({ PORT: '' }, []).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT .*"abc"/],
    [{ PORT: '70000' }, /^PORT /],
    [{ DYNAMODB_LOCAL_PORT: '-1' }, /^DYNAMODB_LOCAL_PORT /],
    [{ TABLE_NAME: 'a b' }, /^TABLE_NAME /],
    [{ POWERTOOLS_LOG_LEVEL: 'LOUD' }, /^POWERTOOLS_LOG_LEVEL /],
    [{ LOCAL_SCHEDULES: 'maybe' }, /^LOCAL_SCHEDULES /],
    [{ RATE_LIMITS: 'false' }, /^RATE_LIMITS must be on or off \(got "false"\)/],
  ])('names the bad variable in %j', (env, message) => {
    expect(() => parseLocalConfig(env, [])).toThrow(LocalConfigError);
    expect(() => parseLocalConfig(env, [])).toThrow(message);
  });

  it('refuses an unknown argument with the usage line', () => {
    expect(() => parseLocalConfig({}, ['--dta-dir', 'x'])).toThrow(/--dta-dir.*Usage: npm start/);
  });
});
