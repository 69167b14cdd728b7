import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PATHS,
  defaultOrigin,
  defineManifest,
  ManifestError,
  type ManifestInput,
  manifestSchema,
  parseManifest,
  resolveManifest,
} from './manifest.js';

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M2 4h20v16H2z"/></svg>';

const mail: ManifestInput = {
  id: 'mail',
  name: 'Mail',
  names: { 'zh-CN': '邮件' },
  description: 'Mail between Orbit accounts.',
  descriptions: { 'zh-CN': 'Orbit 账号之间的邮件。' },
  icon: ICON,
  defaultPort: 4101,
  scopes: ['openid', 'profile'],
  hubScopes: ['accounts:read', 'entitlements:read'],
  perks: [{ key: 'mail.quota_mb', type: 'number', default: 1024, description: 'Mailbox size in MiB' }],
  badge: true,
};

/** The problems `defineManifest` reports for a manifest, as `path: message` lines. */
function problemsOf(input: unknown): string[] {
  try {
    parseManifest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('the manifest was accepted');
}

describe('defineManifest', () => {
  it('answers the manifest with its defaults filled in', () => {
    const minimal = defineManifest({
      id: 'notes',
      name: 'Notes',
      description: 'Notes.',
      icon: ICON,
      defaultPort: 4102,
      scopes: ['openid'],
    });
    expect(minimal).toEqual({
      id: 'notes',
      name: 'Notes',
      names: {},
      description: 'Notes.',
      descriptions: {},
      icon: ICON,
      defaultPort: 4102,
      scopes: ['openid'],
      hubScopes: [],
      perks: [],
      roles: [],
      plusTier: false,
      badge: false,
      api: { offers: [], calls: [] },
      paths: DEFAULT_PATHS,
    });
    expect(DEFAULT_PATHS).toEqual({
      home: '/',
      callback: '/auth/callback',
      postLogout: '/',
      backchannelLogout: '/auth/backchannel-logout',
      badge: '/orbit/badge',
      events: '/orbit/events',
      dataExport: '/orbit/data-export',
    });
  });

  it('keeps the paths a manifest gives and defaults the rest', () => {
    const custom = defineManifest({ ...mail, paths: { home: '/inbox', callback: '/oidc/cb' } });
    expect(custom.paths).toEqual({ ...DEFAULT_PATHS, home: '/inbox', callback: '/oidc/cb' });
  });

  it('answers a deeply frozen manifest', () => {
    const manifest = defineManifest(mail);
    expect(Object.isFrozen(manifest)).toBe(true);
    expect(Object.isFrozen(manifest.perks[0])).toBe(true);
    expect(Object.isFrozen(manifest.paths)).toBe(true);
    expect(() => {
      (manifest.scopes as string[]).push('email');
    }).toThrow(TypeError);
  });

  it('parses its own output to the same manifest (the hub validates what services defined)', () => {
    const manifest = defineManifest(mail);
    expect(manifestSchema.parse(manifest)).toEqual(manifest);
  });

  it('throws one error listing every problem, with the path of each', () => {
    let thrown: unknown;
    try {
      defineManifest({ ...mail, id: 'Mail!', defaultPort: 80, scopes: ['profile'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^Invalid service manifest "Mail!": /);
    expect(message).toContain('id: must be 2–32 characters');
    expect(message).toContain('defaultPort: ');
    expect(message).toContain('scopes: must include "openid"');
    expect((thrown as ManifestError).code).toBe('manifest.invalid');
  });

  it('refuses ids that are not 2–32 lower-case characters starting with a letter', () => {
    for (const id of ['m', '1mail', 'mail_box', 'MAIL', `m${'a'.repeat(32)}`, '']) {
      expect(problemsOf({ ...mail, id, perks: [] }), id).toEqual([expect.stringMatching(/^id: /)]);
    }
    expect(defineManifest({ ...mail, id: 'my-mail-2', perks: [] }).id).toBe('my-mail-2');
  });

  it('limits names and descriptions, and translations to the known languages', () => {
    expect(problemsOf({ ...mail, name: 'x'.repeat(41) })).toEqual([expect.stringMatching(/^name: /)]);
    expect(problemsOf({ ...mail, name: '  ' })).toEqual([expect.stringMatching(/^name: /)]);
    expect(problemsOf({ ...mail, description: 'x'.repeat(201) })).toEqual([
      expect.stringMatching(/^description: /),
    ]);
    expect(problemsOf({ ...mail, names: { fr: 'Courrier' } })).toEqual([
      expect.stringMatching(/^names: Unrecognized key/),
    ]);
    expect(problemsOf({ ...mail, descriptions: { en: 'x'.repeat(201) } })).toEqual([
      expect.stringMatching(/^descriptions\.en: /),
    ]);
    expect(defineManifest({ ...mail, names: { en: 'Mail', 'zh-CN': '邮件' } }).names).toEqual({
      en: 'Mail',
      'zh-CN': '邮件',
    });
  });

  it('refuses NUL characters in text, which no database could keep', () => {
    expect(problemsOf({ ...mail, description: 'Mail\u0000' })).toEqual([
      'description: must not contain NUL characters',
    ]);
    expect(problemsOf({ ...mail, names: { en: '\u0000Mail' } })).toEqual([
      'names.en: must not contain NUL characters',
    ]);
    expect(problemsOf({ ...mail, icon: '<svg>\u0000</svg>' })).toEqual([
      'icon: must not contain NUL characters',
    ]);
  });

  it('takes only an inline SVG of at most 16 KiB as the icon', () => {
    expect(problemsOf({ ...mail, icon: 'https://example.com/icon.svg' })).toEqual([
      'icon: must be an inline SVG document starting with "<svg"',
    ]);
    expect(problemsOf({ ...mail, icon: '<img src=x>' })).toHaveLength(1);
    const padding = '<!---->'.repeat(Math.ceil((16 * 1024) / 7));
    expect(problemsOf({ ...mail, icon: `<svg>${padding}</svg>` })).toEqual(['icon: must be at most 16 KiB']);
    // Measured in bytes: 6,000 three-byte characters are 18,000 bytes.
    expect(problemsOf({ ...mail, icon: `<svg><text>${'图'.repeat(6000)}</text></svg>` })).toEqual([
      'icon: must be at most 16 KiB',
    ]);
  });

  it('takes a default port from 1024 to 65535', () => {
    for (const port of [1023, 65536, 4101.5, '4101']) {
      expect(problemsOf({ ...mail, defaultPort: port })).toEqual([expect.stringMatching(/^defaultPort: /)]);
    }
    expect(defineManifest({ ...mail, defaultPort: 1024 }).defaultPort).toBe(1024);
    expect(defineManifest({ ...mail, defaultPort: 65535 }).defaultPort).toBe(65535);
  });

  it('takes only the known user and hub scopes, openid required, each once', () => {
    expect(problemsOf({ ...mail, scopes: ['openid', 'accounts:read'] })).toEqual([
      expect.stringMatching(/^scopes\.1: /),
    ]);
    expect(problemsOf({ ...mail, scopes: ['openid', 'profile', 'profile'] })).toEqual([
      'scopes: lists a scope twice',
    ]);
    expect(problemsOf({ ...mail, hubScopes: ['openid'] })).toEqual([
      expect.stringMatching(/^hubScopes\.0: /),
    ]);
    expect(problemsOf({ ...mail, hubScopes: ['accounts:write'] })).toHaveLength(1);
    expect(
      defineManifest({ ...mail, scopes: ['openid', 'profile', 'email', 'offline_access', 'membership'] })
        .scopes,
    ).toHaveLength(5);
  });

  it('checks perks: keys prefixed by the service id and unique, defaults of the declared type', () => {
    const perk = { key: 'mail.vip', type: 'boolean', default: false, description: 'VIP mailbox' } as const;
    expect(defineManifest({ ...mail, perks: [perk] }).perks).toEqual([perk]);
    expect(problemsOf({ ...mail, perks: [{ ...perk, key: 'notes.vip' }] })).toEqual([
      'perks.0.key: must start with the service id: "mail."',
    ]);
    expect(problemsOf({ ...mail, perks: [perk, { ...perk, description: 'again' }] })).toEqual([
      'perks.1.key: "mail.vip" is listed twice',
    ]);
    expect(problemsOf({ ...mail, perks: [{ ...perk, key: 'mail.Quota' }] })).toEqual([
      expect.stringMatching(/^perks\.0\.key: must be "<service id>\.<name>" in lower case/),
    ]);
    expect(problemsOf({ ...mail, perks: [{ ...perk, key: 'mail' }] })).toHaveLength(1);
    expect(problemsOf({ ...mail, perks: [{ ...perk, default: 1 }] })).toEqual([
      expect.stringMatching(/^perks\.0\.default: /),
    ]);
    expect(problemsOf({ ...mail, perks: [{ ...perk, type: 'number', default: true }] })).toEqual([
      expect.stringMatching(/^perks\.0\.default: /),
    ]);
    expect(problemsOf({ ...mail, perks: [{ ...perk, type: 'string', default: 'x' }] })).toEqual([
      expect.stringMatching(/^perks\.0\.type: /),
    ]);
    expect(problemsOf({ ...mail, perks: [{ ...perk, description: '' }] })).toEqual([
      expect.stringMatching(/^perks\.0\.description: /),
    ]);
  });

  it('takes roles with a short name and a label in English and Chinese', () => {
    const editor = {
      name: 'editor',
      label: { en: 'Editor', 'zh-CN': '编辑' },
      description: { en: 'Publishes articles.', 'zh-CN': '发布文章。' },
    };
    const agent = { name: 'care_agent-2', label: { en: 'Agent', 'zh-CN': '客服' } };
    expect(defineManifest({ ...mail, roles: [editor, agent] }).roles).toEqual([editor, agent]);
    expect(Object.isFrozen(defineManifest({ ...mail, roles: [editor] }).roles[0]?.label)).toBe(true);
  });

  it('refuses role names that are not 2–32 lower-case characters starting with a letter', () => {
    const label = { en: 'Editor', 'zh-CN': '编辑' };
    for (const name of ['e', '1editor', 'Editor', 'news.editor', 'edi tor', `e${'a'.repeat(32)}`, '']) {
      expect(problemsOf({ ...mail, roles: [{ name, label }] }), name).toEqual([
        'roles.0.name: must be 2–32 characters: a lower-case letter, then a-z, 0-9, _ or -',
      ]);
    }
  });

  it('refuses a role listed twice, a missing translation, unknown fields and more than 20 roles', () => {
    const role = { name: 'editor', label: { en: 'Editor', 'zh-CN': '编辑' } };
    expect(
      problemsOf({ ...mail, roles: [role, { ...role, label: { en: 'Other', 'zh-CN': '其他' } }] }),
    ).toEqual(['roles.1.name: "editor" is listed twice']);
    expect(problemsOf({ ...mail, roles: [{ ...role, label: { en: 'Editor' } }] })).toEqual([
      expect.stringMatching(/^roles\.0\.label\.zh-CN: /),
    ]);
    expect(problemsOf({ ...mail, roles: [{ ...role, label: { en: ' ', 'zh-CN': '编辑' } }] })).toEqual([
      expect.stringMatching(/^roles\.0\.label\.en: /),
    ]);
    expect(problemsOf({ ...mail, roles: [{ ...role, description: { en: 'Edits.' } }] })).toEqual([
      expect.stringMatching(/^roles\.0\.description\.zh-CN: /),
    ]);
    expect(problemsOf({ ...mail, roles: [{ ...role, permissions: ['all'] }] })).toEqual([
      expect.stringMatching(/^roles\.0: Unrecognized key/),
    ]);
    expect(problemsOf({ ...mail, roles: [{ ...role, label: { ...role.label, fr: 'Rédacteur' } }] })).toEqual([
      expect.stringMatching(/^roles\.0\.label: Unrecognized key/),
    ]);
    expect(
      problemsOf({ ...mail, roles: [{ ...role, label: { en: 'x'.repeat(61), 'zh-CN': '编辑' } }] }),
    ).toEqual([expect.stringMatching(/^roles\.0\.label\.en: /)]);
    const many = Array.from({ length: 21 }, (_, i) => ({ ...role, name: `role${i}` }));
    expect(problemsOf({ ...mail, roles: many })).toEqual(['roles: must list at most 20 roles']);
    expect(defineManifest({ ...mail, roles: many.slice(0, 20) }).roles).toHaveLength(20);
  });

  it('takes the API scopes a service offers and the ones it calls on others', () => {
    const notes = defineManifest({
      ...mail,
      id: 'notes',
      perks: [],
      api: {
        offers: [{ scope: 'notes:read', description: { en: 'Read notes', 'zh-CN': '读取笔记' } }],
        calls: [{ service: 'mail', scopes: ['mail:send'] }],
      },
    });
    expect(notes.api).toEqual({
      offers: [{ scope: 'notes:read', description: { en: 'Read notes', 'zh-CN': '读取笔记' } }],
      calls: [{ service: 'mail', scopes: ['mail:send'] }],
    });
    expect(
      defineManifest({ ...mail, api: { calls: [{ service: 'notes', scopes: ['notes:read'] }] } }).api,
    ).toEqual({ offers: [], calls: [{ service: 'notes', scopes: ['notes:read'] }] });
  });

  it('refuses offered scopes of another service, calls to itself, duplicates and bad names', () => {
    const both = { en: 'Send mail', 'zh-CN': '发送邮件' };
    expect(
      problemsOf({
        ...mail,
        api: {
          offers: [
            { scope: 'Mail:Send', description: both },
            { scope: 'mail:list', description: { en: 'List' } },
          ],
        },
      }),
    ).toEqual([
      'api.offers.0.scope: must be "<service id>:<name>" in lower case, e.g. "notes:read"',
      'api.offers.1.description.zh-CN: Invalid input: expected string, received undefined',
    ]);
    // What only the whole manifest tells: whose scope it is, and whether it is listed twice.
    expect(
      problemsOf({
        ...mail,
        api: {
          offers: [
            { scope: 'notes:read', description: both },
            { scope: 'mail:send', description: both },
            { scope: 'mail:send', description: both },
          ],
        },
      }),
    ).toEqual([
      'api.offers.0.scope: must start with the service id: "mail:"',
      'api.offers.2.scope: "mail:send" is listed twice',
    ]);
    expect(
      problemsOf({
        ...mail,
        api: {
          calls: [
            { service: 'mail', scopes: ['mail:send'] },
            { service: 'notes', scopes: ['news:read', 'notes:read', 'notes:read'] },
            { service: 'notes', scopes: ['notes:write'] },
            { service: 'news', scopes: [] },
          ],
        },
      }),
    ).toEqual([
      'api.calls.1.scopes: lists a scope twice',
      'api.calls.3.scopes: must ask for at least one scope',
      'api.calls.0.service: a service does not call itself through the hub',
      'api.calls.1.scopes.0: must be a scope of "notes": "notes:<name>"',
      'api.calls.2.service: "notes" is listed twice',
    ]);
    expect(problemsOf({ ...mail, api: { offers: [], extra: true } })).toEqual([
      'api: Unrecognized key: "extra"',
    ]);
  });

  it('takes only absolute paths on the service’s own origin', () => {
    for (const callback of ['auth/callback', '//evil.example/cb', '/cb?x=1', '/cb#x', '/c b', '']) {
      expect(problemsOf({ ...mail, paths: { callback } }), callback).toEqual([
        'paths.callback: must be an absolute path starting with a single "/", without ? or #',
      ]);
    }
    expect(problemsOf({ ...mail, paths: { login: '/login' } })).toEqual([
      expect.stringMatching(/^paths: Unrecognized key/),
    ]);
  });

  it('refuses fields it does not know, and things that are not manifests', () => {
    expect(problemsOf({ ...mail, colour: 'red' })).toEqual([expect.stringMatching(/^: Unrecognized key/)]);
    expect(problemsOf({ ...mail, badge: 'yes' })).toEqual([expect.stringMatching(/^badge: /)]);
    expect(problemsOf(null)).toHaveLength(1);
    expect(() => parseManifest('mail')).toThrow(/^Invalid service manifest: /);
  });
});

describe('resolveManifest', () => {
  const manifest = defineManifest(mail);

  it('turns the paths into absolute URIs at the origin', () => {
    expect(resolveManifest(manifest, 'http://localhost:4101')).toEqual({
      origin: 'http://localhost:4101',
      homeUrl: 'http://localhost:4101/',
      redirectUris: ['http://localhost:4101/auth/callback'],
      postLogoutRedirectUris: ['http://localhost:4101/'],
      backchannelLogoutUri: 'http://localhost:4101/auth/backchannel-logout',
      badgeUrl: 'http://localhost:4101/orbit/badge',
      eventsUrl: 'http://localhost:4101/orbit/events',
      dataExportUrl: 'http://localhost:4101/orbit/data-export',
    });
  });

  it('drops a trailing slash and normalises the origin', () => {
    const resolved = resolveManifest(manifest, 'https://Mail.Example.com:443/');
    expect(resolved.origin).toBe('https://mail.example.com');
    expect(resolved.redirectUris).toEqual(['https://mail.example.com/auth/callback']);
  });

  it('has no badge URL for a service without a badge, and follows custom paths', () => {
    const quiet = defineManifest({
      ...mail,
      badge: false,
      paths: { home: '/inbox', postLogout: '/bye', events: '/hooks/orbit', dataExport: '/hooks/export' },
    });
    const resolved = resolveManifest(quiet, 'http://127.0.0.1:5000');
    expect(resolved.badgeUrl).toBeNull();
    expect(resolved.eventsUrl).toBe('http://127.0.0.1:5000/hooks/orbit');
    expect(resolved.dataExportUrl).toBe('http://127.0.0.1:5000/hooks/export');
    expect(resolved.homeUrl).toBe('http://127.0.0.1:5000/inbox');
    expect(resolved.postLogoutRedirectUris).toEqual(['http://127.0.0.1:5000/bye']);
  });

  it('refuses origins that are not scheme, host and port', () => {
    for (const origin of [
      'localhost:4101',
      'ftp://files.example',
      'http://localhost:4101/mail',
      'http://localhost:4101/?x=1',
      'http://localhost:4101/#top',
      'http://user:pw@localhost:4101',
      'not a url',
    ]) {
      expect(() => resolveManifest(manifest, origin), origin).toThrow(/^Invalid service origin /);
    }
  });

  it('defaults the origin to localhost at the default port', () => {
    expect(defaultOrigin(manifest)).toBe('http://localhost:4101');
  });
});
