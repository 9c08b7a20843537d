import { parseArgs } from 'node:util';
import { editDistance } from './environment-config.js';

/** An option of a command: `--name <value>` (string) or `--name` (boolean). */
export interface CommandOption {
  type: 'string' | 'boolean';
  description: string;
  /** What a string option's value is, in the usage: `--subject <who>`. */
  value?: string;
  default?: string;
}

/** A command's options, its usage and what it does: what `--help` prints and what is checked. */
export interface Command<O extends Record<string, CommandOption> = Record<string, CommandOption>> {
  /** Its name in messages: `issue-token`. */
  name: string;
  /** How it is run, one line: `npm run issue-token -- --subject <who> --parks <ids> [options]`. */
  usage: string;
  /** What it does, in a sentence or two. */
  summary: string;
  options: O;
  /** What its positional arguments are, for the help; a command without it takes none. */
  positionals?: string;
  /** Text after the options (a file's format, an example). */
  notes?: string;
}

type ValueOf<T extends CommandOption> = T['type'] extends 'boolean' ? boolean : string;
export type CommandValues<O extends Record<string, CommandOption>> = {
  [K in keyof O]: O[K] extends { default: string } ? ValueOf<O[K]> : ValueOf<O[K]> | undefined;
};

/** What a command line asks: to run with these values, for the help, or nothing (a one-line reason). */
export type CommandLine<O extends Record<string, CommandOption>> =
  | { kind: 'run'; values: CommandValues<O>; positionals: string[] }
  | { kind: 'help'; text: string }
  | { kind: 'refused'; line: string };

const HELP: CommandOption = { type: 'boolean', description: 'This text, and nothing done' };

/**
 * Reads `argv` (without node and the script) for `command`. `--help` or `-h` anywhere before
 * `--` asks for the help, whatever else is there. Otherwise the first problem is the answer, in
 * one line naming the option: an option the command does not have (with the nearest one it
 * has), a string option without its value, a value given to a boolean option, or an argument
 * where the command takes none. `--` ends the options (POSIX Utility Syntax Guideline 10), so
 * a positional may start with `-`. Node's `parseArgs` splits the line; its own errors name the
 * option only inside a paragraph, so the checks are made here on its tokens.
 */
export function parseCommandLine<const O extends Record<string, CommandOption>>(command: Command<O>, argv: readonly string[]): CommandLine<O> {
  const declared = Object.fromEntries(Object.entries(command.options).map(([name, option]) => [name, { type: option.type }]));
  const { tokens } = parseArgs({ args: [...argv], options: { ...declared, help: { type: 'boolean', short: 'h' } }, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((token) => token.kind === 'option' && (token.name === 'help' || token.name === 'h'))) return { kind: 'help', text: commandHelp(command) };
  const refused = (reason: string): CommandLine<O> => ({ kind: 'refused', line: `${command.name}: ${reason}; \`--help\` lists its options` });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (command.positionals === undefined) return refused(`takes no argument "${token.value}"`);
      positionals.push(token.value);
      continue;
    }
    const option = command.options[token.name];
    if (option === undefined) {
      const near = Object.keys(command.options).find((name) => editDistance(name, token.name) <= 2);
      return refused(`unknown option ${token.rawName}${near === undefined ? '' : ` (did you mean --${near}?)`}`);
    }
    if (option.type === 'boolean') {
      if (token.value !== undefined) return refused(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else {
      // a value that looks like an option is most likely the next option, the value forgotten
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) return refused(`${token.rawName} needs a value (${usageOf(token.name, option)})`);
      values[token.name] = token.value;
    }
  }
  for (const [name, option] of Object.entries(command.options)) if (values[name] === undefined && option.default !== undefined) values[name] = option.default;
  return { kind: 'run', values: values as CommandValues<O>, positionals };
}

/** The help: usage, what the command does, its options with their defaults, the notes. */
export function commandHelp(command: Command): string {
  const options = Object.entries({ ...command.options, help: HELP });
  const names = options.map(([name, option]) => (name === 'help' ? '-h, --help' : usageOf(name, option)));
  const width = Math.max(...names.map((name) => name.length));
  const lines = options.map(([, option], index) => `  ${(names[index] ?? '').padEnd(width)}  ${option.description}${option.default === undefined ? '' : ` (default: ${option.default})`}`);
  const sections = [`Usage: ${command.usage}`, command.summary];
  if (command.positionals !== undefined) sections.push(`Arguments:\n  ${command.positionals}`);
  sections.push(`Options:\n${lines.join('\n')}`);
  if (command.notes !== undefined) sections.push(command.notes);
  return `${sections.join('\n\n')}\n`;
}

function usageOf(name: string, option: CommandOption): string {
  return option.type === 'boolean' ? `--${name}` : `--${name} ${option.value ?? '<value>'}`;
}
