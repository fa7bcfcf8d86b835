// The rivertwin command line: `rivertwin <verb> [options]`. Each verb is a module in ./verbs exporting `verb`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliVerb } from './verb.ts';

const here = dirname(fileURLToPath(import.meta.url));

async function loadVerb(name: string): Promise<CliVerb | undefined> {
  if (!/^[a-z][a-z-]*$/.test(name)) return undefined;
  const file = join(here, 'verbs', `${name}.ts`);
  if (!existsSync(file)) return undefined;
  const mod = (await import(file)) as { verb: CliVerb };
  return mod.verb;
}

async function listVerbs(): Promise<CliVerb[]> {
  const { readdirSync } = await import('node:fs');
  const names = readdirSync(join(here, 'verbs'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const verbs: CliVerb[] = [];
  for (const n of names) {
    const v = await loadVerb(n);
    if (v) verbs.push(v);
  }
  return verbs;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const verbs = await listVerbs();
    const width = Math.max(...verbs.map((v) => v.name.length), 4);
    process.stdout.write(
      `rivertwin — a digital twin and scenario planner for urban flood response\n\nUsage: rivertwin <verb> [options]   (rivertwin <verb> --help for a verb's options)\n\nVerbs:\n` +
        verbs.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`).join('\n') +
        '\n',
    );
    return 0;
  }
  const verb = await loadVerb(name);
  if (!verb) {
    process.stderr.write(`rivertwin: unknown verb "${name}". Run "rivertwin --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(verb.usage.endsWith('\n') ? verb.usage : verb.usage + '\n');
    return 0;
  }
  return verb.run(rest);
}

// A reader that stops early (`rivertwin events … | head`) closes the pipe: that is the end of the output, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const { message, code } = describeError(err, process.argv[2] ?? '');
    process.stderr.write(`${message}\n`);
    if (process.env.RIVERTWIN_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  },
);

/**
 * One line for any error, never a stack trace: domain errors (TwinError, SimulationError, CliError) already say what,
 * where and how to fix it; bad options name the option and the verb's help; anything else is an internal error.
 */
function describeError(err: unknown, verb: string): { message: string; code: number } {
  const e = err as Error & { code?: string };
  const oneLine = (s: string): string => s.split('\n')[0];
  if (['TwinError', 'SimulationError', 'CliError'].includes(e?.name)) return { message: oneLine(e.message), code: 1 };
  if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
    const first = oneLine(e.message)
      .replace(/\. To specify a positional argument.*$/, '')
      .replace(/\.$/, '');
    const dash = /ambiguous/.test(first) ? ' (a value that starts with "-" is read as an option)' : '';
    return { message: `rivertwin ${verb}: ${first}${dash}. Run "rivertwin ${verb} --help" for the options.`, code: 2 };
  }
  if (e?.code === 'ENOENT' || e?.code === 'EACCES' || e?.code === 'EISDIR')
    return { message: `rivertwin: ${oneLine(e.message)}`, code: 1 };
  return {
    message: `rivertwin: internal error: ${oneLine(e?.message ?? String(err))} (please report it; run with RIVERTWIN_DEBUG=1 for the stack)`,
    code: 70,
  };
}
