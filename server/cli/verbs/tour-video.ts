// `rivertwin tour-video <tour.json> --out <file.webm|.mp4>`: a presentation tour as a video file for when there is no
// live screen — the app filmed frame by frame in headless Chromium from a server holding the tour's run (started here
// unless --server is given; the run made when missing), encoded by Debian's ffmpeg by the extension of --out.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseTour, type Tour } from '../../../simulation/tour/index.ts';
import { chooseEncoder, startEncoder } from '../tour-video/ffmpeg-encoder.ts';
import { filmTour } from '../tour-video/tour-film.ts';
import { remoteServer, startLocalServer, tourRun, type TourServer } from '../tour-video/tour-server.ts';
import { CliError, type CliVerb } from '../verb.ts';

const usage = `Usage: rivertwin tour-video <tour.json> --out <file.webm|file.mp4> [--fps 12] [--size 1280x720]
                            [--lang zh|en] [--server <url> [--token <token>]] [--data-dir <dir>] [--app <dir>]

Films a presentation tour (rivertwin.tour/1, e.g. datasets/shanghai-bund/tours/bund-typhoon.json): the app in
kiosk mode in Debian's headless Chromium, stepped frame by frame (seek, wait for the frame drawn, screenshot), so the
video keeps the tour's pace however slowly the machine renders; frames are encoded by ffmpeg — .webm as VP9 (VP8 if
this ffmpeg lacks VP9), .mp4 as H.264. Progress goes to stderr. Software rendering is slow (about 0.3–1 s a frame at
1280x720): a 100 s tour at 12 fps is 1,200 frames.
  --fps <n>            frames per second of tour time (1–60, default 12)
  --size <WxH>         frame size in pixels, even numbers (default 1280x720)
  --lang zh|en         the captions' first language (default zh; the other is shown beneath)
  --server <url>       film from this server instead of starting one here
  --token <token>      a planner's token for --server, used only to start the tour's run when it has none
  --data-dir <dir>     the data directory of the server started here (default a temporary one: the run is made
                       again each time; give a folder to keep it)
  --app <dir>          the built app the server started here serves (default scenes/dist; npm run build makes it)
The run: a finished run of the tour's scenario (its "run": district, scenario) that reaches the tour's last moment;
without one it is started (at the tour's run.cellM when given) and waited for.`;

/** Reads and checks the options that need no server (so a bad call fails before anything starts). */
function options(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      fps: { type: 'string' },
      size: { type: 'string' },
      lang: { type: 'string' },
      server: { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      app: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new CliError('tour-video takes one tour file; see "rivertwin tour-video --help"');
  if (!values.out) throw new CliError('tour-video needs --out <file.webm|file.mp4>');
  if (existsSync(values.out) && statSync(values.out).isDirectory())
    throw new CliError(`--out ${JSON.stringify(values.out)} is a folder; give a file name such as tour.webm`);
  const fps = Number(values.fps ?? 12);
  if (!Number.isFinite(fps) || fps < 1 || fps > 60) throw new CliError(`--fps ${values.fps}: give 1–60`);
  const size = /^(\d{2,4})x(\d{2,4})$/.exec(values.size ?? '1280x720');
  const [width, height] = size ? [Number(size[1]), Number(size[2])] : [0, 0];
  if (!size || width % 2 || height % 2 || width < 160 || height < 90 || width > 3840 || height > 2160)
    throw new CliError(`--size ${values.size}: give WIDTHxHEIGHT in even pixels, 160x90 to 3840x2160 (e.g. 1280x720)`);
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new CliError(`--lang ${JSON.stringify(lang)} is not one of zh, en`);
  if (values.token && !values.server) throw new CliError('--token goes with --server');
  if (values.server && (values['data-dir'] || values.app))
    throw new CliError('--data-dir and --app are for the server started here; leave them out with --server');
  return { file: positionals[0], ...values, out: values.out, fps, width, height, lang: lang as 'zh' | 'en' };
}

function readTour(file: string): { raw: unknown; tour: Tour } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the tour ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not JSON: ${(e as Error).message}`);
  }
  return { raw, tour: parseTour(raw, file) };
}

export const verb: CliVerb = {
  name: 'tour-video',
  summary: 'a presentation tour as a WebM or MP4 video, filmed frame by frame in headless Chromium',
  usage,
  async run(args) {
    const o = options(args);
    const encoder = chooseEncoder(o.out);
    const { raw, tour } = readTour(o.file);
    const needS = Math.max(...tour.segments.map((s) => s.toS));
    const server: TourServer = o.server
      ? await remoteServer(o.server, o.token ?? null)
      : await startLocalServer({ dataDir: o['data-dir'], appDir: o.app });
    try {
      const runId = await tourRun(server, tour, needS);
      const out = resolve(o.out);
      mkdirSync(dirname(out), { recursive: true });
      const enc = startEncoder({ out, fps: o.fps, encoder });
      process.stderr.write(
        `tour-video: filming "${tour.name}" (${tour.totalS.toFixed(1)} s) from run ${runId} at ${o.width}x${o.height}, ${o.fps} fps, ${encoder}\n`,
      );
      let result: { frames: number; totalS: number };
      try {
        result = await filmTour({
          url: server.url,
          runId,
          raw,
          width: o.width,
          height: o.height,
          fps: o.fps,
          lang: o.lang,
          frame: (png) => enc.write(png),
        });
        await enc.finish();
      } catch (e) {
        enc.abort();
        throw e;
      }
      const kb = Math.round(statSync(out).size / 1024);
      process.stdout.write(
        `wrote ${o.out} (${result.frames} frames, ${(result.frames / o.fps).toFixed(1)} s at ${o.fps} fps, ${o.width}x${o.height}, ${encoder}, ${kb} KB)\n`,
      );
      return 0;
    } finally {
      await server.close();
    }
  },
};
