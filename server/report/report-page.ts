// The page every report is: a self-contained HTML document (no request leaves it: CSP `default-src 'none'`), its
// title, a subtitle line, the modelled-data notice, the sections, and a footer with attribution and code version.
import { esc } from './report-format.ts';
import type { Lang } from './report-strings.ts';

/** The parts of a report page; text is escaped here, `sections` and `style` are taken as they are. */
export interface ReportPage {
  lang: Lang;
  title: string;
  /** The subtitle's parts, shown joined by " · ". */
  subtitle: string[];
  notice: string;
  sections: string[];
  attribution: string;
  footer: string;
  style: string;
}

/** The whole HTML document of a report. */
export function reportPageHtml(p: ReportPage): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${p.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(p.title)}</title>`,
    `<style>${p.style}</style>`,
    '</head>',
    '<body><main>',
    `<header><h1>${esc(p.title)}</h1><p class="sub">${p.subtitle.map(esc).join(' · ')}</p><p class="notice">${esc(p.notice)}</p></header>`,
    ...p.sections,
    `<footer><p>${esc(p.attribution)}</p><p>${esc(p.footer)}</p></footer>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
