// The app's modes: the 3D twin, and the screens that sit on the same clock, district and selection (globe, scenario
// editor, drill desk, presentation, ensemble). One list so the top bar, the store and deep links agree.

/** Every mode the app has, in top-bar order; `twin` is the 3D district. */
export const MODES = ['twin', 'globe', 'editor', 'drill', 'ensemble', 'tour'] as const;
export type ModeId = (typeof MODES)[number];

/** True for a mode id this build knows (links from a newer build fall back to the twin). */
export function isMode(v: string | null | undefined): v is ModeId {
  return !!v && (MODES as readonly string[]).includes(v);
}
