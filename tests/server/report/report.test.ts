// The HTML report of a short recorded run (the shared record fixture, the Bund at 20 m): both languages from one
// table, every map cell in the class its depth says, the case timeline consistent with the KPIs, a drill's score card,
// a fork's difference from its parent, byte-identical output for the same input, and nothing fetched from outside.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { forkRecord, RecordReplay } from '../../../simulation/record/index.ts';
import { RecordFolderSink, RecordFolderSource } from '../../../simulation/record/record-folder.node.ts';
import {
  buildReportHtml,
  classOf,
  DEPTH_CLASSES,
  readReportInput,
  SCORE_CARD_FILE,
  stringKeys,
  tr,
  type ReportInput,
} from '../../../server/report/index.ts';
import { caseTimelines } from '../../../server/report/report-data.ts';
import type { Twin } from '../../../twin/district/build-twin.ts';
import { runCli } from '../../helpers/cli.ts';
import { bundTwin, context, recordRun } from '../../simulation/record/record-fixture.ts';

let twin: Twin;
let dir: string;
let forkDir: string;
const open = (d: string) => {
  const source = new RecordFolderSource(d);
  return { replay: RecordReplay.open(source), source };
};
const input = (d: string, lang: 'zh' | 'en', parent: string | null = null): ReportInput =>
  readReportInput({ record: open(d), twin, parent: parent ? open(parent) : null, compared: null }, lang);

beforeAll(async () => {
  twin = await bundTwin();
  dir = recordRun(twin, 'report').dir;
  forkDir = mkdtempSync(join(tmpdir(), 'rivertwin-report-fork-'));
  const { parent: _p, ...ctx } = context('fork');
  forkRecord(
    twin,
    new RecordFolderSource(dir),
    new RecordFolderSink(forkDir),
    { atS: 1200, patch: { fleet: { policy: 'nearest' }, pumpFailures: [] } },
    ctx,
  );
}, 300_000);

describe('the report of a recorded run', () => {
  it('is one page with every section, in each language, with nothing to fetch', () => {
    for (const lang of ['zh', 'en'] as const) {
      const html = buildReportHtml(lang, input(dir, lang));
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
      for (const id of ['scenario', 'map', 'rain', 'river', 'sensors', 'cases', 'kpis', 'water'])
        expect(html).toContain(`<section id="${id}">`);
      expect(html).toContain('© OpenStreetMap contributors (ODbL)');
      expect(html).toContain(lang === 'en' ? 'Terrain and assets modelled' : '地形与设施为模型推定');
      expect(html).toContain(`<h2>${tr(lang, 'secCases')}</h2>`);
      expect(html).toContain("default-src 'none'");
      expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)/);
      expect(html).not.toMatch(/(src|href)="(?!#)/);
      // Only SVG namespace URIs, never a resource on the network.
      expect(html.match(/https?:\/\/[^"\s<]+/g)?.filter((u) => !u.startsWith('http://www.w3.org/')) ?? []).toEqual([]);
      expect(html).not.toMatch(/NaN|undefined|>null</);
      expect(html).not.toContain('section id="score-card"');
      expect(html).not.toContain('section id="fork"');
    }
  });

  it('gives the same bytes for the same record, and different words for each language', () => {
    const a = buildReportHtml('zh', input(dir, 'zh'));
    expect(buildReportHtml('zh', input(dir, 'zh'))).toBe(a);
    expect(buildReportHtml('en', input(dir, 'en'))).not.toBe(a);
  });

  it('colours exactly the cells of each depth class on the map', () => {
    const inp = input(dir, 'en');
    const html = buildReportHtml('en', inp);
    const map = html.slice(html.indexOf('<figure id="max-depth-map">'), html.indexOf('</figure>'));
    const g = inp.results.maxDepth;
    DEPTH_CLASSES.forEach((_c, k) => {
      const path = new RegExp(`<path d="([^"]*)" fill="[^"]+" data-class="${k}"/>`).exec(map)?.[1] ?? '';
      const drawn = new Set<number>();
      for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)/g))
        for (let c = Number(m[1]); c < Number(m[1]) + Number(m[3]); c++) drawn.add(Number(m[2]) * g.nx + c);
      const expected = [...g.values.keys()].filter((i) => classOf(DEPTH_CLASSES, g.values[i]) === k);
      expect(drawn.size, `class ${k}`).toBe(expected.length);
      expect(expected.every((i) => drawn.has(i))).toBe(true);
    });
    expect(map.match(/data-class=/g)?.length ?? 0).toBeGreaterThan(0);
  });

  it('draws each case from opening to its end without gaps, agreeing with the recorded KPIs', () => {
    const inp = input(dir, 'en');
    const endS = inp.manifest.reachedS;
    const cases = caseTimelines(open(dir).replay, endS);
    expect(cases.length).toBe(inp.results.kpis.casesOpened);
    for (const c of cases) {
      const row = inp.results.kpis.cases.find((k) => k.caseId === c.caseId)!;
      expect(c.openedS).toBe(row.openedS);
      expect(c.intervals[0]?.fromS ?? c.openedS).toBe(c.openedS);
      c.intervals.forEach((iv, i) => {
        expect(iv.toS).toBeGreaterThan(iv.fromS);
        if (i > 0) expect(iv.fromS).toBe(c.intervals[i - 1].toS);
      });
      const arrived = c.intervals.find((iv) => iv.phase === 'settingUp' || iv.phase === 'pumping');
      expect(arrived !== undefined).toBe(row.arrivedS !== null);
      const last = c.intervals.at(-1);
      if (last) expect(last.toS).toBe(c.endedS ?? endS);
    }
  });

  it('adds a drill score card in the report language from score-card.json', () => {
    copyFileSync(join(import.meta.dirname, '../../fixtures/report/score-card.json'), join(dir, SCORE_CARD_FILE));
    const zh = buildReportHtml('zh', input(dir, 'zh'));
    const en = buildReportHtml('en', input(dir, 'en'));
    expect(zh).toContain('<section id="score-card">');
    expect(zh).toContain('<span class="score-value">72.5</span>');
    expect(zh).toContain('迟到');
    expect(zh).toContain('漏派');
    expect(zh).toContain('C007：您于 01:12 派出 T03，01:21到场；预案于 01:10 派出 T05，01:15到场。');
    expect(en).toContain('C007: you sent T03 at 01:12, arriving 01:21; the plan sent T05 at 01:10, arriving 01:15.');
    expect(en).toContain('C009: you sent no truck; the plan sent T01 at 01:15, arriving never.');
    expect(en).toContain('+6\u2009min');
    writeFileSync(join(dir, SCORE_CARD_FILE), JSON.stringify({ format: 'something/1' }));
    expect(() => input(dir, 'en')).toThrow(/score-card\.json: field "format" is not "rivertwin\.score-card\/1"/);
    writeFileSync(join(dir, SCORE_CARD_FILE), '{');
    expect(() => input(dir, 'en')).toThrow(/score-card\.json is not valid JSON/);
    copyFileSync(join(import.meta.dirname, '../../fixtures/report/score-card.json'), join(dir, SCORE_CARD_FILE));
  });

  it("shows a fork's difference from its parent, or says why it cannot", () => {
    const html = buildReportHtml('en', input(forkDir, 'en', dir));
    expect(html).toContain('<section id="fork">');
    expect(html).toContain('forked from run-test at 00:20');
    expect(html).toContain('&#34;policy&#34;:&#34;nearest&#34;');
    expect(html).toContain('Maximum depth difference (this run − the parent run)');
    const missing = buildReportHtml('zh', input(forkDir, 'zh', null));
    expect(missing).toContain('<section id="fork">');
    expect(missing).toContain(`母推演记录 ${dir} 不在此处`);
  });

  it('adds the difference from a record given to compare with, as this run − that one', () => {
    const inp = readReportInput({ record: open(forkDir), twin, parent: null, compared: open(dir) }, 'zh');
    expect(inp.compared?.a.runId).toBe('run-test');
    const html = buildReportHtml('zh', inp);
    expect(html).toContain('<section id="compare">');
    expect(html).toContain('最大水深差（本推演 − 对比推演）');
    expect(html).toContain('差值 = 本推演 − 对比推演');
    // The difference map colours only cells that changed by more than 2 cm, and its legend is the diverging one.
    const section = html.slice(html.indexOf('<section id="compare">'));
    const changed = inp.compared!.maxDepth.wetterCells + inp.compared!.maxDepth.drierCells;
    const drawn = [...section.matchAll(/M\d+ \d+h(\d+)v1/g)].reduce((n, m) => n + Number(m[1]), 0);
    const walls = [...twin.grid.wallCrestM].filter((v) => Number.isFinite(v)).length;
    expect(drawn).toBe(changed + walls);
    expect(section).toContain('#08306b');
    expect(section).toContain('#67000d');
  });

  it('has every string in both languages with the same placeholders', () => {
    for (const key of stringKeys()) {
      const zh = tr('zh', key);
      const en = tr('en', key);
      expect(zh.length, key).toBeGreaterThan(0);
      expect(en.length, key).toBeGreaterThan(0);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(zh), key).toEqual(names(en));
    }
  });
});

describe('rivertwin report and compare on the command line', () => {
  it('refuses a bad language and a district whose data differs from the run, in one line each', () => {
    const bad = runCli(['report', dir, '--lang', 'fr', '--out', join(dir, 'r.html')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('rivertwin: --lang "fr" is not one of zh, en');
    // The fixture's record carries a made-up content hash: the district on disk is not the one it names.
    const changed = runCli(['report', dir, '--out', join(dir, 'r.html')]);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toMatch(/^rivertwin: district datasets\/shanghai-bund has changed since the run/);
    expect(changed.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('compares a fork with its parent as text and JSON', () => {
    const text = runCli(['compare', dir, forkDir]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^A .* \(Haikui on the Bund, 50 min at 20 m, run-test\)/);
    expect(text.stdout).toMatch(/casesOpened\s+\d+\s+\d+\s+[+−-]?\d+ cases/);
    const json = JSON.parse(runCli(['compare', dir, forkDir, '--json']).stdout);
    expect(json.schema).toBe('rivertwin.comparison/1');
    expect(json.kpis).toHaveLength(18);
    expect(json.maxDepth).not.toHaveProperty('differenceM');
    expect(typeof json.maxDepth.wetterAreaM2).toBe('number');
    const one = runCli(['compare', dir]);
    expect(one.status).toBe(1);
    expect(one.stderr).toMatch(/compare takes two record folders/);
  });
});
