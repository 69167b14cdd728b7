import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { manifest } from './manifest.js';

describe('loadConfig', () => {
  it('runs on the manifest’s port, beside a hub on localhost:4000, with data under ./.orbit/data', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: manifest.defaultPort,
      host: undefined,
      hubUrl: 'http://localhost:4000',
      publicUrl: `http://localhost:${manifest.defaultPort}`,
      credentialsFile: resolve('.orbit/data/services', `${manifest.id}.json`),
      databaseUrl: undefined,
      pgliteDir: resolve('.orbit/data', manifest.id),
      logLevel: 'info',
      logFormat: 'json',
      stopDrainMs: 0,
      space: {
        photosDir: resolve('.orbit/data', `${manifest.id}-photos`),
        maxPhotoBytes: 20 * 1024 * 1024,
        maxPhotoPixels: 60_000_000,
        actionsPerMinute: 60,
      },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes what npm start sets, and treats an empty variable as unset', () => {
    const config = loadConfig({
      PORT: '5000',
      ORBIT_HUB_URL: 'https://orbit.example/',
      ORBIT_DATA_DIR: '/srv/orbit',
      DATABASE_URL: '',
    });
    expect(config.publicUrl).toBe('http://localhost:5000');
    expect(config.hubUrl).toBe('https://orbit.example');
    expect(config.credentialsFile).toBe(`/srv/orbit/services/${manifest.id}.json`);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ ORBIT_HUB_URL: 'ftp://hub' })).toThrow(/ORBIT_HUB_URL/);
    expect(() => loadConfig({ ORBIT_DATA_DIR: 'memory://' })).toThrow(/ORBIT_CREDENTIALS_FILE/);
    expect(() =>
      loadConfig({ ORBIT_DATA_DIR: 'memory://', ORBIT_CREDENTIALS_FILE: '/tmp/space.json' }),
    ).toThrow(/SPACE_PHOTOS_DIR/);
    expect(() => loadConfig({ SPACE_MAX_PHOTO_MB: '0' })).toThrow(/SPACE_MAX_PHOTO_MB/);
  });
});
