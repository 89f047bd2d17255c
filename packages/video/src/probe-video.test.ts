import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '@mot/core';
import { VideoSourceError } from './errors.js';
import { probeVideo } from './probe-video.js';
import { audioOnly, IMAGE_252, rotatedVideo, tempDir, TEXT_FILE, truncatedVideo, TUD_CAMPUS } from './test-support.js';

const rejects = async (p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void> => {
  try {
    await p;
  } catch (e) {
    assert.ok(check(e), `unexpected error: ${String(e)}`);
    return;
  }
  assert.unreachable('expected a rejection');
};
const isVideoError = (re: RegExp) => (e: unknown) => e instanceof VideoSourceError && re.test((e as Error).message);

const probe = suite('probeVideo');

probe('reads the TUD-Campus sample: 640x480, 25 fps, 71 frames, 2840 ms, mpeg4', async () => {
  // Facts from fixtures/video/README.md; duration = 71 frames / 25 fps = 2.84 s.
  const info = await probeVideo(TUD_CAMPUS);
  assert.equal(info, {
    width: 640,
    height: 480,
    frameRate: 25,
    frameCount: 71,
    durationMs: 2840,
    codec: 'mpeg4',
    format: 'mov,mp4,m4a,3gp,3g2,mj2',
    rotation: 0,
  });
});

probe('reads a JPEG as a one-image stream: 500x333 mjpeg, no frame count', async () => {
  // 500x333 per `file fixtures/detector/000252.jpg`.
  const info = await probeVideo(IMAGE_252);
  assert.is(info.width, 500);
  assert.is(info.height, 333);
  assert.is(info.codec, 'mjpeg');
  assert.is(info.format, 'image2');
  assert.is(info.frameCount, undefined);
});

probe('swaps width and height of a video stored with a 90 degree rotation', async () => {
  // The stream is 640x480 as stored; ffmpeg decodes it turned to 480x640.
  const info = await probeVideo(rotatedVideo());
  assert.is(Math.abs(info.rotation), 90);
  assert.is(info.width, 480);
  assert.is(info.height, 640);
  assert.is(info.frameCount, 3);
});

probe('rejects a missing file, naming it', async () => {
  await rejects(probeVideo('no/such/video.mp4'), isVideoError(/^no\/such\/video\.mp4: probeVideo: path must be an existing readable file, got ENOENT$/));
});

probe('rejects a directory', async () => {
  const dir = tempDir();
  await rejects(probeVideo(dir), isVideoError(/: probeVideo: path must be an existing readable file, got a directory or special file$/));
});

probe('rejects a text file with ffprobe\'s own words', async () => {
  await rejects(
    probeVideo(TEXT_FILE),
    isVideoError(/README\.md: probeVideo: file must be a video or image ffprobe can read, but ffprobe exited with code 1; ffprobe said ".*Invalid data found when processing input"$/),
  );
});

probe('rejects a .txt file, which ffmpeg would read as ANSI art video', async () => {
  // fixtures/mot15/TUD-Campus/det.txt: ffprobe alone reports a 640x400 'ansi' stream in format 'tty'
  const det = fileURLToPath(new URL('../../../fixtures/mot15/TUD-Campus/det.txt', import.meta.url));
  await rejects(probeVideo(det), isVideoError(/det\.txt: probeVideo: file must be a video or an image, got a text file \(ffmpeg reads it as ANSI art\)$/));
});

probe('rejects a truncated mp4 whose index is gone', async () => {
  const path = truncatedVideo();
  await rejects(probeVideo(path), (e) => e instanceof VideoSourceError && e.source === path && /Invalid data found/.test(e.ffmpegMessage ?? ''));
});

probe('rejects a media file without a video stream', async () => {
  await rejects(probeVideo(audioOnly()), isVideoError(/sine\.wav: probeVideo: file must have a video stream, got none \(format wav\)$/));
});

probe('rejects a path that is not a non-empty string', async () => {
  await rejects(probeVideo(''), (e) => e instanceof ConfigError && /^probeVideo: path must be a non-empty string, got $/.test((e as Error).message));
});

probe.run();
