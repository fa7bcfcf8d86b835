// `rivertwin tour-video`: a short tour (5 s, typhoon-6h at 40 m) filmed at 4 fps and 320x180 from the server the verb
// starts, as WebM (VP9) and MP4 (H.264), each read back by ffprobe; and its errors, each one line without a stack:
// an unknown extension, ffmpeg missing, a bad tour file (by JSON path).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.ts';
import { buildScenes } from '../helpers/scenes-app.ts';

const SHORT = join(repoRoot, 'tests', 'fixtures', 'tour', 'short-tour.json');
let work = '';
let appDir = '';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rivertwin-tour-video-'));
  appDir = (await buildScenes()).dir;
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

/** Duration (s), frames counted by decoding, codec and size, as ffprobe reads them. */
function probe(file: string): { duration: number; frames: number; codec: string; width: number; height: number } {
  const r = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width,height,nb_read_frames:format=duration',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as {
    streams: { codec_name: string; width: number; height: number; nb_read_frames: string }[];
    format: { duration: string };
  };
  const s = j.streams[0];
  return {
    duration: Number(j.format.duration),
    frames: Number(s.nb_read_frames),
    codec: s.codec_name,
    width: s.width,
    height: s.height,
  };
}

const oneLine = (stderr: string) => {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
};

describe('rivertwin tour-video', () => {
  it('films the tour frame by frame into a WebM that plays, then an MP4 from the same run', () => {
    const dataDir = join(work, 'data');
    const common = ['--fps', '4', '--size', '320x180', '--data-dir', dataDir, '--app', appDir];
    const webm = join(work, 'tour.webm');
    const a = runCli(['tour-video', SHORT, '--out', webm, ...common], 600_000);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/^wrote .*tour\.webm \(20 frames, 5\.0 s at 4 fps, 320x180, libvpx-vp9/);
    expect(a.stderr).toMatch(/no run of shanghai-bund\.typhoon-6h on the server; running it/);
    expect(a.stderr).toMatch(/tour-video: 100% \(frame 20 of 20/);
    const w = probe(webm);
    expect(w).toMatchObject({ codec: 'vp9', width: 320, height: 180, frames: 20 });
    expect(w.duration).toBeCloseTo(5, 1);

    const mp4 = join(work, 'tour.mp4');
    const b = runCli(['tour-video', SHORT, '--out', mp4, ...common], 600_000);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stderr).not.toMatch(/running it/);
    const m = probe(mp4);
    expect(m).toMatchObject({ codec: 'h264', width: 320, height: 180, frames: 20 });
    expect(m.duration).toBeCloseTo(5, 1);
  }, 1_200_000);

  it('refuses an unknown extension, naming the ones it takes', () => {
    const r = runCli(['tour-video', SHORT, '--out', join(work, 'tour.avi')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /--out .*tour\.avi": unknown video extension "\.avi"; give a file ending in \.webm or \.mp4/,
    );
    oneLine(r.stderr);
  });

  it('says ffmpeg is missing and how to install it', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'server/cli/main.ts'), 'tour-video', SHORT, '--out', join(work, 'x.webm')],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ffmpeg is not installed .*Fix: apt-get install -y --no-install-recommends ffmpeg/);
    oneLine(r.stderr);
  });

  it('refuses a bad tour file by its JSON path before starting anything', () => {
    const bad = join(repoRoot, 'tests', 'fixtures', 'tour', 'bad-speed.json');
    const r = runCli(['tour-video', bad, '--out', join(work, 'bad.webm')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad-speed\.json, field "\/segments\/1\/speed": 0: expected number to be greater/);
    oneLine(r.stderr);
    const missing = runCli(['tour-video', join(work, 'nope.json'), '--out', join(work, 'bad.webm')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the tour .*nope\.json: ENOENT/);
    oneLine(missing.stderr);
    const size = runCli(['tour-video', SHORT, '--out', join(work, 'x.mp4'), '--size', '321x180']);
    expect(size.stderr).toMatch(/--size 321x180: give WIDTHxHEIGHT in even pixels/);
    oneLine(size.stderr);
  });
});
