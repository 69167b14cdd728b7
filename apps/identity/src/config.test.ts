import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to port 4000, an http://localhost issuer and embedded data under .orbit/data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.issuer).toBe('http://localhost:4000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.pgliteDir).toMatch(/\.orbit\/data\/identity$/);
    expect(config.secureCookies).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("serves the portal's build beside it in the repository unless ORBIT_PORTAL_DIR says otherwise", () => {
    expect(loadConfig({}).portalDir).toMatch(/apps\/portal\/dist$/);
    expect(loadConfig({ ORBIT_PORTAL_DIR: '/srv/portal' }).portalDir).toBe('/srv/portal');
  });

  it('follows PORT and ORBIT_ISSUER', () => {
    expect(loadConfig({ PORT: '4010' }).issuer).toBe('http://localhost:4010');
    const https = loadConfig({ ORBIT_ISSUER: 'https://id.example.com/' });
    expect(https.issuer).toBe('https://id.example.com');
    expect(https.secureCookies).toBe(true);
  });

  it('fails at start naming the variable to fix', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ORBIT_ISSUER: 'ftp://x' })).toThrow(/ORBIT_ISSUER/);
  });

  it('runs several hub processes only on PostgreSQL', () => {
    expect(loadConfig({}).processes).toBe(1);
    expect(() => loadConfig({ ORBIT_HUB_PROCESSES: '2' })).toThrow(/ORBIT_HUB_PROCESSES.*DATABASE_URL/);
    expect(
      loadConfig({ ORBIT_HUB_PROCESSES: '2', DATABASE_URL: 'postgres://postgres@localhost/orbit' }).processes,
    ).toBe(2);
    expect(() => loadConfig({ ORBIT_HUB_PROCESSES: '0' })).toThrow(/ORBIT_HUB_PROCESSES/);
  });

  it('takes the WebAuthn relying party from the issuer unless told otherwise', () => {
    expect(loadConfig({}).webauthn).toEqual({
      rpId: 'localhost',
      rpName: 'Orbit',
      origins: ['http://localhost:4000'],
    });
    const custom = loadConfig({
      ORBIT_ISSUER: 'https://id.example.com',
      ORBIT_WEBAUTHN_RP_ID: 'example.com',
      ORBIT_WEBAUTHN_ORIGINS: 'https://id.example.com, https://www.example.com/',
    });
    expect(custom.webauthn.rpId).toBe('example.com');
    expect(custom.webauthn.origins).toEqual(['https://id.example.com', 'https://www.example.com']);
  });

  it("refuses an rpID that is not the origins' host or a parent domain of it", () => {
    expect(() =>
      loadConfig({ ORBIT_ISSUER: 'https://id.example.com', ORBIT_WEBAUTHN_RP_ID: 'example.org' }),
    ).toThrow(/ORBIT_WEBAUTHN_RP_ID/);
    expect(() => loadConfig({ ORBIT_WEBAUTHN_ORIGINS: 'localhost:4000' })).toThrow(/ORBIT_WEBAUTHN_ORIGINS/);
  });
});
