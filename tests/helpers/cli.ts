// Runs the rivertwin CLI as a user would (a child process through the tsx loader) and captures its output.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `rivertwin <args>` from the repository root. */
export function runCli(args: string[], timeoutMs = 300_000): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
