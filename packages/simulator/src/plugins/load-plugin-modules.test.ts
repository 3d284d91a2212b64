import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@lifeboat/core';
import { loadPluginModules } from './load-plugin-modules';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-plugin-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function module(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return `./${name}`;
}

const registration = (name: string) =>
  `{ name: '${name}', factory: () => ({ name: '${name}', score: () => 50 }) }`;

describe('loadPluginModules', () => {
  it.each([
    ['a CommonJS named export', 'named.js', `exports.plugins = [${registration('Named')}];`],
    [
      'a default export holding plugins',
      'default.js',
      `exports.default = { plugins: [${registration('Default')}] };`,
    ],
  ])('loads %s, resolved from the directory', (_case, file, text) => {
    const { plugins, issues } = loadPluginModules([module(file, text)], dir);
    expect(issues).toEqual([]);
    expect(plugins).toHaveLength(1);
    const plugin = plugins[0]?.factory(undefined, { now: () => 0 });
    expect(plugin?.name).toBe(plugins[0]?.name);
  });

  // ES modules load through Node's require(esm), which jest does not run: the CLI's binary
  // test loads one.

  it('keeps the order of the modules and of their plugins', () => {
    const first = module(
      'first.js',
      `exports.plugins = [${registration('A')}, ${registration('B')}];`,
    );
    const second = module('second.js', `exports.plugins = [${registration('C')}];`);
    expect(loadPluginModules([second, first], dir).plugins.map((p) => p.name)).toEqual([
      'C',
      'A',
      'B',
    ]);
  });

  it('resolves a package name from the directory, as require does', () => {
    const pkg = join(dir, 'node_modules', 'lifeboat-plugin-cost');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'index.js'), `exports.plugins = [${registration('Cost')}];`);
    expect(loadPluginModules(['lifeboat-plugin-cost'], dir).plugins.map((p) => p.name)).toEqual([
      'Cost',
    ]);
  });

  const contract =
    'a plugin module exports `plugins` (named, or on its default export): an array of { name, factory }';

  it.each([
    ['a missing module', () => './nope.js', 'cannot find module "./nope.js"'],
    [
      'a module whose own import is missing',
      () => module('needs.js', "require('left-pad-that-is-not-installed');"),
      /^"\.\/needs\.js" failed to load: Cannot find module 'left-pad-that-is-not-installed'/,
    ],
    [
      'a module that throws while loading',
      () => module('throws.js', "throw new Error('no config');"),
      '"./throws.js" failed to load: no config',
    ],
    [
      'a module without a plugins export',
      () => module('plugin.js', `exports.plugin = ${registration('One')};`),
      `"./plugin.js" does not export "plugins"; ${contract}`,
    ],
    [
      'plugins that is not an array',
      () => module('object.js', `exports.plugins = ${registration('One')};`),
      `"./object.js" does not export "plugins"; ${contract}`,
    ],
    [
      'entries that are not registrations',
      () =>
        module(
          'entries.js',
          `exports.plugins = [${registration('Ok')}, 'CostAware', { name: 'NoFactory' }, { factory() {} }, { name: 'P', factory() {}, extensionPoints: 'predict' }];`,
        ),
      `"./entries.js": plugins[1] is not an object; plugins[2] ("NoFactory") has no "factory" function; ` +
        `plugins[3] has no "name" string; plugins[4] ("P") has "extensionPoints" that is not an array of strings; ${contract}`,
    ],
  ])('refuses %s at its spec.plugins entry, loading nothing of it', (_case, make, message) => {
    const good = module('good.js', `exports.plugins = [${registration('Good')}];`);
    const { plugins, issues } = loadPluginModules([good, make()], dir);
    expect(plugins.map((p) => p.name)).toEqual(['Good']);
    expect(issues).toEqual([{ path: 'spec.plugins[1]', message: expect.anything() }]);
    if (typeof message === 'string') expect(issues[0]?.message).toBe(message);
    else expect(issues[0]?.message).toMatch(message);
  });

  it("turns any error a module's factory throws for its args into a ValidationError", () => {
    const file = module(
      'picky.js',
      `exports.plugins = [{ name: 'Picky', factory: (args) => { if (!args) throw new TypeError('label is required'); return { name: 'Picky' }; } }];`,
    );
    const [picky] = loadPluginModules([file], dir).plugins;
    let thrown: unknown;
    try {
      picky?.factory(undefined, { now: () => 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([
      { path: '', message: 'label is required' },
    ]);
    expect(picky?.factory({ label: 'cost' }, { now: () => 0 }).name).toBe('Picky');
  });
});
