import { describe, expect, it } from 'vitest';
import { isCi, refusalToRun } from './dialects.js';

const URL = 'postgres://postgres@127.0.0.1:5432/haven_dev';

describe('the integration suite in CI', () => {
  it.each([
    ['true', true], ['1', true], ['yes', true], ['false', false], ['FALSE', false], ['0', false], ['', false], [undefined, false],
  ] as const)('reads CI=%j as %s', (value, expected) => {
    expect(isCi(value === undefined ? {} : { CI: value })).toBe(expected);
  });

  it('refuses to run in CI without PostgreSQL', () => {
    expect(refusalToRun({ CI: 'true' })).toMatch(/HAVEN_TEST_DATABASE_URL is not/);
    expect(refusalToRun({ CI: 'true', HAVEN_TEST_DATABASE_URL: '' })).toMatch(/HAVEN_TEST_DATABASE_URL is not/);
  });

  it('refuses to run in CI when the dialects are narrowed to leave PostgreSQL out', () => {
    expect(refusalToRun({ CI: 'true', HAVEN_TEST_DATABASE_URL: URL, HAVEN_TEST_DIALECTS: 'sqlite' })).toMatch(/leaves PostgreSQL out/);
  });

  it('runs in CI with PostgreSQL, and anywhere outside CI', () => {
    expect(refusalToRun({ CI: 'true', HAVEN_TEST_DATABASE_URL: URL })).toBeNull();
    expect(refusalToRun({ CI: 'true', HAVEN_TEST_DATABASE_URL: URL, HAVEN_TEST_DIALECTS: 'postgres' })).toBeNull();
    expect(refusalToRun({})).toBeNull();
    expect(refusalToRun({ CI: 'false' })).toBeNull();
  });
});
