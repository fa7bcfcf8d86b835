// The fleet's modules import each other without a cycle (types included), so each can be read, tested and loaded
// on its own; a cycle coming back fails here with its path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../simulation/fleet');

/** Module → the sibling modules it imports (any import or export … from './x.ts', type-only ones too). */
function siblingImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    const deps = [...src.matchAll(/from '\.\/([\w-]+)\.ts'/g)].map((m) => m[1]);
    graph.set(f.slice(0, -3), [...new Set(deps)]);
  }
  return graph;
}

/** The first cycle found by depth-first search, as a path, or []. */
function findCycle(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (m === 'index') continue;
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c.length) return c;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return [];
  };
  for (const n of graph.keys()) {
    if (n === 'index' || state.has(n)) continue;
    const c = visit(n);
    if (c.length) return c;
  }
  return [];
}

describe('simulation/fleet imports', () => {
  it('form no cycle', () => {
    expect(findCycle(siblingImports()).join(' → ')).toBe('');
  });

  it('the check finds a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
  });
});
