// `rivertwin token add|list|remove`: the server's access tokens, kept hashed in its data directory's database. A new
// token is printed once; the server only ever stores its SHA-256.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newToken, ROLES } from '../../http/auth.ts';
import { ApiError } from '../../http/error-codes.ts';
import { SqliteStore } from '../../http/store/sqlite-store.ts';
import type { Role } from '../../http/store/store.ts';
import { CliError, type CliVerb } from '../verb.ts';
import { mkdirSync } from 'node:fs';

const usage = `Usage: rivertwin token add --role viewer|operator|planner|admin --name <name> [--data-dir <dir>]
       rivertwin token list [--data-dir <dir>]
       rivertwin token remove --name <name> [--data-dir <dir>]

Access tokens for the server (npm start). Roles, each with the rights of those before it: viewer (read only: the
open-day kiosk), operator (drill commands, pause and resume), planner (scenarios, runs, forks, imports), admin
(tokens). The token is printed once; send it as "Authorization: Bearer <token>".
  --data-dir <dir>   the server's data directory (default: DATA_DIR or ./data)`;

export const verb: CliVerb = {
  name: 'token',
  summary: "add, list or remove the server's access tokens (viewer, operator, planner, admin)",
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { role: { type: 'string' }, name: { type: 'string' }, 'data-dir': { type: 'string' } },
    });
    const action = positionals[0];
    if (!['add', 'list', 'remove'].includes(action ?? ''))
      throw new CliError('token takes add, list or remove; see "rivertwin token --help"');
    const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? 'data');
    if (action !== 'add' && !existsSync(join(dataDir, 'rivertwin.sqlite')))
      throw new CliError(`no server database in ${dataDir}; give --data-dir <the server's DATA_DIR>`);
    mkdirSync(dataDir, { recursive: true });
    const store = new SqliteStore(join(dataDir, 'rivertwin.sqlite'));
    try {
      if (action === 'list') {
        for (const t of store.listTokens()) process.stdout.write(`${t.name}\t${t.role}\t${t.createdAt}\n`);
        return 0;
      }
      if (!values.name) throw new CliError(`token ${action} needs --name <name>`);
      if (action === 'remove') {
        const t = store.listTokens().find((x) => x.name === values.name);
        if (!t) throw new CliError(`no token named "${values.name}" in ${dataDir}`);
        store.deleteToken(t.id);
        process.stdout.write(`removed token ${values.name}\n`);
        return 0;
      }
      if (!values.role || !ROLES.includes(values.role as Role))
        throw new CliError(`token add needs --role ${ROLES.join('|')}`);
      try {
        const { token } = newToken(store, values.role as Role, values.name);
        process.stdout.write(`${token}\n`);
        process.stderr.write(`token "${values.name}" (${values.role}) added to ${dataDir}; it is shown only now\n`);
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(`${err.message}; ${err.hint ?? ''}`.replace(/; $/, ''));
        throw err;
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
