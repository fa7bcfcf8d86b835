// The layering rule: the pure core (twin/, simulation/) imports no UI or server library, and Node built-ins only in
// thin *.node.ts loaders; the browser app (scenes/) imports neither the server nor Node. Checked on code snippets through ESLint's API with the project's own config.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') });

async function lint(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: file });
  return r.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering rule', () => {
  it.each([
    ['twin/grid/x.ts', "import * as THREE from 'three';\nexport const a = THREE;\n", /pure core/],
    ['simulation/hydro/x.ts', "import Fastify from 'fastify';\nexport const a = Fastify;\n", /pure core/],
    ['twin/io/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", /\*\.node\.ts/],
    ['simulation/x.ts', "import { Worker } from 'worker_threads';\nexport const a = Worker;\n", /\*\.node\.ts/],
    ['twin/x.ts', "import React from 'react';\nexport const a = React;\n", /pure core/],
    ['simulation/x.ts', "import * as echarts from 'echarts/core';\nexport const a = echarts;\n", /pure core/],
    ['twin/x.ts', "import { createStore } from 'zustand/vanilla';\nexport const a = createStore;\n", /pure core/],
    [
      'scenes/src/x.ts',
      "import { buildApp } from '../../server/http/app.ts';\nexport const a = buildApp;\n",
      /browser/,
    ],
    ['scenes/src/x.tsx', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", /\*\.node\.ts/],
  ])('rejects %s importing what the core must not', async (file, code, message) => {
    const messages = await lint(file, code);
    expect(messages.some((m) => m.startsWith('no-restricted-imports') && message.test(m))).toBe(true);
  });

  it('lets the app use three, React and the pure core', async () => {
    expect(
      await lint(
        'scenes/src/x.tsx',
        "import { Mesh } from 'three';\nimport { clock } from '../../simulation/record/replay.ts';\nexport const a = [Mesh, clock];\n",
      ),
    ).toEqual([]);
  });

  it('lets thin loaders use Node, and the server use anything', async () => {
    expect(
      await lint('twin/io/x.node.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"),
    ).toEqual([]);
    expect(
      await lint('server/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"),
    ).toEqual([]);
  });

  it('still keeps UI libraries out of thin loaders', async () => {
    const messages = await lint('simulation/x.node.ts', "import * as THREE from 'three';\nexport const a = THREE;\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });
});
