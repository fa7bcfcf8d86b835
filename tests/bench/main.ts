// `npm run bench -- <name> [--json]`: runs tests/bench/<name>.bench.ts, which prints its figure last.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join('|')}> [--json]\n`);
  process.exit(name ? 2 : 0);
}
const file = join(here, `${name}.bench.ts`);
if (existsSync(file)) {
  const mod = (await import(file)) as { run(args: string[]): Promise<void> };
  await mod.run(rest);
}
