import { describe, expect, it } from 'vitest';
import { describeFlags, type Flags, parseCommandArgs, wantsHelp } from './args.js';
import { UsageError } from './context.js';

const flags = {
  name: { type: 'string', required: true, description: 'a name' },
  uri: { type: 'string', multiple: true, value: 'URL', description: 'URIs' },
  color: { type: 'string', choices: ['red', 'blue'], description: 'a color' },
  tag: { type: 'string', multiple: true, choices: ['a', 'b'], description: 'tags' },
  loud: { type: 'boolean', description: 'shout' },
} satisfies Flags;

const problem = (argv: string[], positionals: string[] = []) => {
  try {
    parseCommandArgs(argv, flags, positionals);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('the command-line flag parser', () => {
  it('collects repeated and comma-separated values, and names positionals', () => {
    const args = parseCommandArgs(
      [
        'mail',
        '--name=Mail',
        '--uri',
        'https://a.example/x, https://b.example/y',
        '--uri',
        'https://c.example/',
        '--loud',
      ],
      flags,
      ['id'],
    );
    expect(args.positionals).toEqual({ id: 'mail' });
    expect(args.string('name')).toBe('Mail');
    expect(args.list('uri')).toEqual(['https://a.example/x', 'https://b.example/y', 'https://c.example/']);
    expect(args.flag('loud')).toBe(true);
    expect(args.has('color')).toBe(false);
    expect(args.list('tag')).toBeUndefined();
  });

  it('collects every value of a variadic last positional, one at least', () => {
    const args = parseCommandArgs(['a.js', '--name', 'x', 'b.js', 'c.js'], flags, ['manifest'], true);
    expect(args.variadic).toEqual(['a.js', 'b.js', 'c.js']);
    expect(args.positionals).toEqual({ manifest: 'a.js' });
    expect(() => parseCommandArgs(['--name', 'x'], flags, ['manifest'], true)).toThrow('missing <manifest>');
    expect(parseCommandArgs(['a', '--name', 'x'], flags, ['id']).variadic).toEqual([]);
  });

  it('tells a flag given empty (clear it) from one not given', () => {
    const args = parseCommandArgs(['--name', 'x', '--uri', ''], flags);
    expect(args.list('uri')).toEqual([]);
    expect(args.has('uri')).toBe(true);
  });

  it('names what is wrong', () => {
    expect(problem(['--name', 'x', '--nope'])).toBe('unknown flag --nope');
    expect(problem(['--name', 'x', '-q'])).toBe('unknown flag -q');
    expect(problem([])).toBe('--name is required');
    expect(problem(['--name', ' '])).toBe('--name is required');
    expect(problem(['--name'])).toBe('--name needs a value');
    expect(problem(['--name', '--loud'])).toBe('--name needs a value');
    expect(problem(['--name', 'x', '--loud=1'])).toBe('--loud takes no value');
    expect(problem(['--name', 'x', '--color', 'green'])).toBe(
      '--color must be one of red, blue (not "green")',
    );
    expect(problem(['--name', 'x', '--tag', 'a,c'])).toBe('--tag must be one of a, b (not "c")');
    expect(problem(['--name', 'x'], ['id'])).toBe('missing <id>');
    expect(problem(['--name', 'x', 'one', 'two'], ['id'])).toBe('unexpected argument "two"');
  });

  it('sees --help only before --', () => {
    expect(wantsHelp(['x', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
  });

  it('describes the flags for help', () => {
    expect(describeFlags(flags).split('\n')).toEqual([
      '  --name VALUE   a name (required)',
      '  --uri URL      URIs (repeatable, or comma-separated)',
      '  --color VALUE  a color (one of: red, blue)',
      '  --tag VALUE    tags (one of: a, b; repeatable, or comma-separated)',
      '  --loud         shout',
    ]);
  });
});
