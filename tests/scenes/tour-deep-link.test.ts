// Deep links carry the kiosk and the tour's name, so a kiosk that reloads (its address rewritten as it plays) stays
// a kiosk on the same tour; a malformed tour name is dropped, and `tour` is a mode the app knows.
import { describe, expect, it } from 'vitest';
import { formatDeepLink, parseDeepLink } from '../../scenes/src/store/deep-link.ts';
import { isMode, MODES } from '../../scenes/src/ui/modes.ts';

describe('tour deep links', () => {
  it('round-trips mode, kiosk and tour', () => {
    const link = parseDeepLink('?mode=tour&kiosk=1&tour=bund-typhoon&lang=zh');
    expect(link).toEqual({ mode: 'tour', kiosk: true, tour: 'bund-typhoon', lang: 'zh' });
    expect(parseDeepLink(formatDeepLink(link))).toEqual(link);
  });

  it('ignores what is malformed', () => {
    expect(parseDeepLink('?mode=tour&kiosk=yes&tour=../etc')).toEqual({ mode: 'tour' });
    expect(parseDeepLink('?tour=Bund%20Typhoon').tour).toBeUndefined();
  });

  it('knows the tour mode', () => {
    expect(MODES).toContain('tour');
    expect(isMode('tour')).toBe(true);
  });
});
