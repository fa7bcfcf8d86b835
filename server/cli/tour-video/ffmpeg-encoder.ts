// The tour video's encoder: Debian's `ffmpeg` in a child process, fed PNG frames on stdin, the codec chosen by the
// output's extension (.webm: VP9, else VP8; .mp4: H.264), each missing piece named with the command that installs it.
import { spawn, spawnSync } from 'node:child_process';
import { extname } from 'node:path';
import { CliError } from '../verb.ts';

/** Containers the tour video can be written as, and the encoders each tries, best first. */
export const VIDEO_FORMATS: Record<string, { encoders: string[] }> = {
  '.webm': { encoders: ['libvpx-vp9', 'libvpx'] },
  '.mp4': { encoders: ['libx264'] },
};

const INSTALL = 'apt-get install -y --no-install-recommends ffmpeg';

/** Output options per encoder: a quality good for text on a map, 4:2:0 so every player plays it. */
const ENCODER_ARGS: Record<string, string[]> = {
  'libvpx-vp9': [
    '-c:v',
    'libvpx-vp9',
    '-b:v',
    '0',
    '-crf',
    '32',
    '-deadline',
    'good',
    '-cpu-used',
    '4',
    '-row-mt',
    '1',
  ],
  libvpx: ['-c:v', 'libvpx', '-b:v', '2M', '-crf', '10', '-deadline', 'good', '-cpu-used', '4'],
  libx264: ['-c:v', 'libx264', '-preset', 'medium', '-crf', '23', '-movflags', '+faststart'],
};

/**
 * The encoder for `out` by its extension, checked against what this machine's ffmpeg has.
 * @throws CliError for an unknown extension, a missing ffmpeg or an ffmpeg without the encoder
 */
export function chooseEncoder(out: string, ffmpeg = 'ffmpeg'): string {
  const ext = extname(out).toLowerCase();
  const format = VIDEO_FORMATS[ext];
  if (!format)
    throw new CliError(
      `--out ${JSON.stringify(out)}: unknown video extension ${JSON.stringify(ext || '(none)')}; ` +
        `give a file ending in ${Object.keys(VIDEO_FORMATS).join(' or ')}`,
    );
  const r = spawnSync(ffmpeg, ['-hide_banner', '-encoders'], { encoding: 'utf8' });
  if (r.error)
    throw new CliError(
      `ffmpeg is not installed (${ffmpeg}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); ` +
        `it encodes the video. Fix: ${INSTALL} (as root)`,
    );
  const have = new Set([...r.stdout.matchAll(/^\s*V\S*\s+(\S+)/gm)].map((m) => m[1]));
  const encoder = format.encoders.find((e) => have.has(e));
  if (!encoder)
    throw new CliError(
      `this ffmpeg has none of ${format.encoders.join(', ')} for ${ext}; install Debian's ffmpeg (${INSTALL}) ` +
        `or give --out another extension (${Object.keys(VIDEO_FORMATS).join(', ')})`,
    );
  return encoder;
}

/** A running encoder: write frames (PNG bytes) in order, then finish. */
export interface FrameEncoder {
  write(png: Uint8Array): Promise<void>;
  /** Closes the input and waits for ffmpeg to write the file. */
  finish(): Promise<void>;
  /** Stops ffmpeg (after a failure elsewhere). */
  abort(): void;
}

/** Starts ffmpeg writing `out` at `fps` frames per second with `encoder` (from chooseEncoder). */
export function startEncoder(opts: { out: string; fps: number; encoder: string; ffmpeg?: string }): FrameEncoder {
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'image2pipe',
    '-framerate',
    String(opts.fps),
    '-c:v',
    'png',
    '-i',
    '-',
    '-an',
    '-pix_fmt',
    'yuv420p',
    ...ENCODER_ARGS[opts.encoder],
    '-r',
    String(opts.fps),
    opts.out,
  ];
  const child = spawn(opts.ffmpeg ?? 'ffmpeg', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', (e) => reject(new CliError(`ffmpeg could not start: ${e.message}. Fix: ${INSTALL}`)));
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new CliError(`ffmpeg failed (exit ${code}) writing ${opts.out}: ${stderr.trim().split('\n')[0]}`)),
    );
  });
  // A failure is reported by finish() or the next write, never as an unhandled rejection.
  exited.catch(() => undefined);
  child.stdin.on('error', () => undefined);
  return {
    write(png) {
      return new Promise((resolve, reject) => {
        if (child.exitCode !== null)
          return void exited.then(() => reject(new CliError('ffmpeg stopped early')), reject);
        child.stdin.write(png, (err) => (err ? exited.then(() => reject(err), reject) : resolve()));
      });
    },
    async finish() {
      child.stdin.end();
      await exited;
    },
    abort() {
      child.kill('SIGKILL');
    },
  };
}
