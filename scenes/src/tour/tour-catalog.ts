// The tours bundled with the app: every `datasets/<district>/tours/*.json`, checked by the same parser as the CLI's,
// so a kiosk plays them with or without a server. A bad bundled tour is reported, not played.
import { parseTour, type Tour } from '../../../simulation/tour/index.ts';

const FILES = import.meta.glob('../../../datasets/*/tours/*.json', { eager: true, import: 'default' });

/** A bundled tour, or why it cannot be played. */
export type CatalogEntry = { file: string; tour: Tour } | { file: string; error: string };

/** Every bundled tour, in file order. */
export const BUNDLED_TOURS: CatalogEntry[] = Object.keys(FILES)
  .sort()
  .map((path) => {
    const file = path.replace(/^(\.\.\/)+/, '');
    try {
      return { file, tour: parseTour(FILES[path], file) };
    } catch (e) {
      return { file, error: (e as Error).message };
    }
  });

/** The tour by name, else the district's first, else any; null when none is bundled. */
export function pickTour(name: string | null, districtId: string | null): CatalogEntry | null {
  const ok = BUNDLED_TOURS.filter((e): e is { file: string; tour: Tour } => 'tour' in e);
  if (name) return ok.find((e) => e.tour.name === name) ?? BUNDLED_TOURS.find((e) => e.file.includes(name)) ?? null;
  return ok.find((e) => e.tour.run.district === districtId) ?? ok[0] ?? BUNDLED_TOURS[0] ?? null;
}
