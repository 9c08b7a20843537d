import { describe, expect, it } from 'vitest';
import { commandHelp, parseCommandLine, type Command } from './command-line.js';

const GREET = {
  name: 'greet',
  usage: 'npm run greet -- --who <name> [options]',
  summary: 'Greets someone.',
  options: {
    who: { type: 'string', value: '<name>', description: 'Whom to greet' },
    times: { type: 'string', value: '<n>', description: 'How often', default: '1' },
    loud: { type: 'boolean', description: 'In capitals' },
  },
} as const satisfies Command;

describe(parseCommandLine.name, () => {
  it('should give the values, with defaults for the options not given', () => {
    expect(parseCommandLine(GREET, ['--who', 'alice', '--loud'])).toEqual({ kind: 'run', values: { who: 'alice', times: '1', loud: true }, positionals: [] });
  });

  it('should take --name=value as well as --name value', () => {
    expect(parseCommandLine(GREET, ['--who=-alice-', '--times', '3'])).toEqual({ kind: 'run', values: { who: '-alice-', times: '3' }, positionals: [] });
  });

  it.each([['--help'], ['-h'], ['--bogus', '--help'], ['--who', 'alice', '-h']])('should answer %s with the help, whatever else is on the line', (...argv) => {
    expect(parseCommandLine(GREET, argv)).toEqual({ kind: 'help', text: commandHelp(GREET) });
  });

  it('should refuse an unknown option in one line naming it and the option most likely meant', () => {
    expect(parseCommandLine(GREET, ['--who', 'alice', '--tmes', '2'])).toEqual({ kind: 'refused', line: 'greet: unknown option --tmes (did you mean --times?); `--help` lists its options' });
  });

  it('should refuse an unknown short option in one line naming it', () => {
    expect(parseCommandLine(GREET, ['-x'])).toEqual({ kind: 'refused', line: 'greet: unknown option -x; `--help` lists its options' });
  });

  it('should refuse a string option without its value, the next option not taken for it', () => {
    expect(parseCommandLine(GREET, ['--who', '--loud'])).toEqual({ kind: 'refused', line: 'greet: --who needs a value (--who <name>); `--help` lists its options' });
    expect(parseCommandLine(GREET, ['--who'])).toEqual({ kind: 'refused', line: 'greet: --who needs a value (--who <name>); `--help` lists its options' });
  });

  it('should refuse a value given to a boolean option', () => {
    expect(parseCommandLine(GREET, ['--loud=yes'])).toEqual({ kind: 'refused', line: 'greet: --loud takes no value; `--help` lists its options' });
  });

  it('should refuse an argument when the command takes none', () => {
    expect(parseCommandLine(GREET, ['alice'])).toEqual({ kind: 'refused', line: 'greet: takes no argument "alice"; `--help` lists its options' });
  });

  it('should take arguments after -- as they are, when the command takes arguments', () => {
    const echo = { name: 'echo', usage: 'echo [text]', summary: 'Echoes.', options: {}, positionals: 'text  what to echo' } as const satisfies Command;
    expect(parseCommandLine(echo, ['--', '--help'])).toEqual({ kind: 'run', values: {}, positionals: ['--help'] });
  });
});

describe(commandHelp.name, () => {
  it('should print the usage, the summary and every option with its value and default, aligned', () => {
    expect(commandHelp(GREET)).toBe(
      [
        'Usage: npm run greet -- --who <name> [options]',
        '',
        'Greets someone.',
        '',
        'Options:',
        '  --who <name>  Whom to greet',
        '  --times <n>   How often (default: 1)',
        '  --loud        In capitals',
        '  -h, --help    This text, and nothing done',
        '',
      ].join('\n'),
    );
  });
});
