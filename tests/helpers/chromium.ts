// Launches Debian's Chromium (not a downloaded browser: the machine reaches only npm and apt) with playwright-core,
// headless and quiet on the network, for tests that must run in a real browser.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (tests run as root), no GPU, and no background traffic to Google's services. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** WebGL 2 in software (ANGLE on SwiftShader), for the 3D app: see /work/shared/BROWSER.md. */
export const WEBGL_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

/**
 * Starts Debian's Chromium. Throws (so the test fails, never skips) when it is not installed. With `webgl`, WebGL 2
 * runs on SwiftShader instead of the GPU being disabled.
 * @throws Error naming the missing binary and the command that installs it
 */
export async function launchDebianChromium(opts: { webgl?: boolean } = {}): Promise<Browser> {
  if (!existsSync(DEBIAN_CHROMIUM))
    throw new Error(
      `browser tests need Debian's Chromium at ${DEBIAN_CHROMIUM}, which is missing. Fix: ` +
        'apt-get update && apt-get install -y --no-install-recommends chromium (as root; .ci/run does this on CI)',
    );
  const args = opts.webgl ? [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), ...WEBGL_ARGS] : CHROMIUM_ARGS;
  return chromium.launch({ executablePath: DEBIAN_CHROMIUM, args });
}
