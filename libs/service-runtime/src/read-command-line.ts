import { parseCommandLine, type Command, type CommandOption, type CommandValues } from '@zeropark/contracts';

/**
 * A command's line, read as every command of the repository reads it: `--help` prints the help
 * on standard output and exits 0; a line the command cannot take prints one line on standard
 * error and exits 2 (the shells' "incorrect usage", as Bash's builtins use it), nothing done.
 */
export function readCommandLine<const O extends Record<string, CommandOption>>(
  command: Command<O>,
  argv: readonly string[] = process.argv.slice(2),
): { values: CommandValues<O>; positionals: string[] } {
  const line = parseCommandLine(command, argv);
  if (line.kind === 'help') {
    process.stdout.write(line.text);
    process.exit(0);
  }
  if (line.kind === 'refused') {
    process.stderr.write(`${line.line}\n`);
    process.exit(2);
  }
  return { values: line.values, positionals: line.positionals };
}
