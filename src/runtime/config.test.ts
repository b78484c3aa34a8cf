import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('needs nothing: an empty environment gives the zero-configuration defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.mailDir).toBe(path.join(path.resolve('./data'), 'mail'));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
    expect(config.runWorker).toBe(true);
  });

  it('reads what is set, and treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '8080', HAVEN_DATA_DIR: '/srv/haven', HAVEN_PUBLIC_URL: 'https://reports.example.org/', HAVEN_WORKER: 'off', SMTP_URL: '' });
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/srv/haven');
    expect(config.publicUrl).toBe('https://reports.example.org');
    expect(config.secureCookies).toBe(true);
    expect(config.runWorker).toBe(false);
    expect(config.smtpUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['HAVEN_PUBLIC_URL', 'ftp://reports.example.org'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['HAVEN_WORKER', 'maybe'],
    ['HAVEN_SESSION_HOURS', '0'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    let caught: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(name);
  });
});
