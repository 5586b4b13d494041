import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const allInOne = { httpPort: 3000, allowsEmbeddedDatabase: true };
const singleRole = { httpPort: 3010, allowsEmbeddedDatabase: false };

const errorFor = (env: Record<string, string>, defaults = allInOne): ConfigError => {
  try {
    loadConfig(env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({}, allInOne);
    expect(config.nodeEnv).toBe('development');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, publicUrl: 'http://localhost:3000', consoleOrigins: [] });
    expect(config.database).toEqual({ url: undefined, poolSize: 20, embedded: { dir: '.data/postgres', port: 54329 } });
    expect(config.keycloak).toBeUndefined();
    expect(config.demoData).toBe(true);
    expect(config.log).toEqual({ level: 'info', format: 'pretty' });
  });

  it('switches Web Push on only with all three VAPID variables, never echoing the private key', () => {
    const vapid = {
      VAPID_PUBLIC_KEY: `B${'A'.repeat(86)}`,
      VAPID_PRIVATE_KEY: 'k'.repeat(43),
      VAPID_SUBJECT: 'mailto:ops@example.com',
    };
    expect(loadConfig(vapid, allInOne).webPush).toEqual({
      vapid: { publicKey: vapid.VAPID_PUBLIC_KEY, privateKey: 'k'.repeat(43), subject: 'mailto:ops@example.com' },
    });
    expect(loadConfig({}, allInOne).webPush).toBeUndefined();
    expect(errorFor({ VAPID_PUBLIC_KEY: vapid.VAPID_PUBLIC_KEY, VAPID_SUBJECT: vapid.VAPID_SUBJECT }).variable).toBe('VAPID_PRIVATE_KEY');
    expect(errorFor({ ...vapid, VAPID_PRIVATE_KEY: 'short-secret' }).message).not.toContain('short-secret');
    expect(errorFor({ ...vapid, VAPID_SUBJECT: 'http://example.com' }).variable).toBe('VAPID_SUBJECT');
  });

  it('switches Keycloak on when its URL is configured', () => {
    const config = loadConfig({ KEYCLOAK_URL: 'http://127.0.0.1:18080/', KEYCLOAK_CLIENT_SECRET: 's' }, allInOne);
    expect(config.keycloak).toEqual({ url: 'http://127.0.0.1:18080', realm: 'switchboard', clientId: 'switchboard-api', clientSecret: 's' });
  });

  it('names the variable and what was expected for a malformed port', () => {
    expect(errorFor({ HTTP_PORT: 'eighty' }).message).toBe('HTTP_PORT is invalid: expected a TCP port number between 1 and 65535, got "eighty"');
  });

  it('rejects a URL with the wrong scheme without echoing its password', () => {
    const error = errorFor({ DATABASE_URL: 'mysql://root:secret@db/x' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toContain('root:***@');
    expect(error.message).not.toContain('secret');
  });

  it('rejects an unknown log level by listing the allowed ones', () => {
    expect(errorFor({ LOG_LEVEL: 'loud' }).message).toBe('LOG_LEVEL is invalid: expected one of fatal, error, warn, info, debug, verbose, got "loud"');
  });

  it('requires DATABASE_URL for a single role', () => {
    expect(errorFor({}, singleRole).message).toMatch(/^DATABASE_URL is required/);
  });

  it('refuses the development identity provider in production', () => {
    expect(errorFor({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }).message).toMatch(/^KEYCLOAK_URL is required: .*NODE_ENV=production/);
  });

  it('turns demo data off when an external database is configured', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }, allInOne).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DEMO_DATA: 'true' }, allInOne).demoData).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DEMO_DATA: 'true' }, allInOne).demoEstate).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DEMO_DATA: 'true', DEMO_ESTATE: 'false' }, allInOne).demoEstate).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DEMO_ESTATE: 'true' }, allInOne).demoEstate).toBe(false);
  });

  it('waits 10 s for a late answer before a call counts as missed, and accepts 0 (at once) to an hour', () => {
    expect(loadConfig({}, allInOne).phone.missedCallGraceSeconds).toBe(10);
    expect(loadConfig({ PHONE_MISSED_CALL_GRACE_SECONDS: '0' }, allInOne).phone.missedCallGraceSeconds).toBe(0);
    expect(errorFor({ PHONE_MISSED_CALL_GRACE_SECONDS: '3601' }).message).toBe(
      'PHONE_MISSED_CALL_GRACE_SECONDS is invalid: expected a whole number of seconds from 0 to 3600, got "3601"',
    );
    expect(errorFor({ PHONE_MISSED_CALL_GRACE_SECONDS: '1.5' }).variable).toBe('PHONE_MISSED_CALL_GRACE_SECONDS');
  });

  it('takes the console’s origins as a comma-separated list and refuses anything but bare origins', () => {
    expect(loadConfig({ CONSOLE_ORIGIN: 'https://console.example.com, http://localhost:5173/' }, allInOne).http.consoleOrigins).toEqual([
      'https://console.example.com',
      'http://localhost:5173',
    ]);
    expect(errorFor({ CONSOLE_ORIGIN: 'https://console.example.com/app' }).variable).toBe('CONSOLE_ORIGIN');
    expect(errorFor({ CONSOLE_ORIGIN: 'ftp://console.example.com' }).variable).toBe('CONSOLE_ORIGIN');
  });

  it('refuses webhook secrets shorter than 16 characters without echoing them', () => {
    const error = errorFor({ SMS_WEBHOOK_SECRET: 'short-secret' });
    expect(error.message).toBe('SMS_WEBHOOK_SECRET is invalid: expected a secret of at least 16 characters, got "***"');
  });
});
