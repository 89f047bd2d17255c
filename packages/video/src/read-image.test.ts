import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VideoSourceError } from './errors.js';
import { readImage } from './read-image.js';
import {
  audioOnly,
  ffmpegCli,
  IMAGE_252,
  IMAGE_258,
  parsePpm,
  pngOf252,
  TEXT_FILE,
  truncatedImage,
  TUD_CAMPUS,
} from './test-support.js';

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  assert.unreachable('expected a rejection');
  throw new Error('unreachable');
}
const pixel = (d: Uint8Array, width: number, x: number, y: number): number[] => [...d.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];

/** The image re-decoded by a separate ffmpeg run writing PPM through the image2pipe muxer. */
const ppmOf = (path: string) => parsePpm(ffmpegCli(['-i', path, '-frames:v', '1', '-c:v', 'ppm', '-f', 'image2pipe', 'pipe:1']));

const image = suite('readImage');

image('decodes 000252.jpg to 500x333 RGB24', async () => {
  // 500x333 per `file fixtures/detector/000252.jpg` ("baseline, precision 8, 500x333, components 3").
  const img = await readImage(IMAGE_252);
  assert.is(img.width, 500);
  assert.is(img.height, 333);
  assert.is(img.data.length, 500 * 333 * 3);
  assert.is(img.index, 0);
  assert.is(img.timeMs, 0);
  // Values from a separate ffmpeg CLI decode (rawvideo to a file, read by hand); the next test compares every byte.
  assert.equal(pixel(img.data, 500, 100, 50), [39, 38, 26]);
  assert.equal(pixel(img.data, 500, 250, 200), [183, 125, 123]);
});

image('equals a separate ffmpeg decode to PPM byte for byte (both images)', async () => {
  for (const path of [IMAGE_252, IMAGE_258]) {
    const [img, ref] = [await readImage(path), ppmOf(path)];
    assert.equal([img.width, img.height], [ref.width, ref.height]);
    assert.is(Buffer.compare(img.data, ref.data), 0, path);
  }
});

image('agrees with the JPEG\'s own YCbCr planes through the JFIF colour equations', async () => {
  // Independent of ffmpeg's colour conversion: take the decoder's raw planes
  // (yuvj420p: full-range Y, then Cb and Cr at half size) and apply JFIF:
  // R = Y + 1.402 Cr', G = Y - 0.344136 Cb' - 0.714136 Cr', B = Y + 1.772 Cb'.
  const img = await readImage(IMAGE_252);
  const yuv = ffmpegCli(['-i', IMAGE_252, '-f', 'rawvideo', '-pix_fmt', 'yuvj420p', 'pipe:1']);
  const [W, H, cw] = [500, 333, 250];
  const ch = 167; // ceil(333 / 2)
  assert.is(yuv.length, W * H + 2 * cw * ch);
  let lumaErr = 0;
  let rgbErr = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const Y = yuv[y * W + x];
      const c = (y >> 1) * cw + (x >> 1);
      const cb = yuv[W * H + c] - 128;
      const cr = yuv[W * H + cw * ch + c] - 128;
      const i = (y * W + x) * 3;
      const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      lumaErr += Math.abs(0.299 * r + 0.587 * g + 0.114 * b - Y);
      const ref = [Y + 1.402 * cr, Y - 0.344136 * cb - 0.714136 * cr, Y + 1.772 * cb].map((v) => Math.min(255, Math.max(0, Math.round(v))));
      rgbErr += Math.abs(ref[0] - r) + Math.abs(ref[1] - g) + Math.abs(ref[2] - b);
    }
  }
  // Measured: luma 0.46, RGB 0.83 levels mean absolute difference (ffmpeg
  // interpolates chroma, this check repeats it per 2x2 block, and clipping
  // bends luma at saturated pixels). With R and B swapped the luma error
  // would be 5.69: the check sees the channel order.
  assert.ok(lumaErr / (W * H) < 1, `luma ${lumaErr / (W * H)}`);
  assert.ok(rgbErr / (W * H * 3) < 1.5, `rgb ${rgbErr / (W * H * 3)}`);
});

image('a PNG of the same pixels decodes to the same bytes', async () => {
  const [png, jpg] = [await readImage(pngOf252()), await readImage(IMAGE_252)];
  assert.equal([png.width, png.height], [500, 333]);
  assert.is(Buffer.compare(png.data, jpg.data), 0);
});

image('rejects a video file', async () => {
  const e = await rejection(readImage(TUD_CAMPUS));
  assert.ok(e instanceof VideoSourceError);
  assert.match(e.message, /TUD-Campus\.mp4: readImage: file must be an image, got a 'mov,mp4,m4a,3gp,3g2,mj2' mpeg4 video$/);
});

image('rejects a text file, naming it', async () => {
  const e = await rejection(readImage(TEXT_FILE));
  assert.ok(e instanceof VideoSourceError && e.source === TEXT_FILE);
  assert.match(e.message, /README\.md: readImage: file must be a video or image ffprobe can read.*Invalid data found/);
});

image('rejects a truncated JPEG that ffmpeg would fill with grey', async () => {
  const e = await rejection(readImage(truncatedImage()));
  assert.ok(e instanceof VideoSourceError);
  assert.match(e.message, /half\.jpg: readImage: image must decode cleanly to 500x333 RGB24 \(499500 bytes\), got a decode error; ffmpeg said ".*overread/);
});

image('rejects a missing file, a file with no picture, and a bad path', async () => {
  assert.match((await rejection(readImage('nope.png'))).message, /^nope\.png: readImage: path must be an existing readable file, got ENOENT$/);
  assert.match((await rejection(readImage(audioOnly()))).message, /readImage: file must have a video stream, got none/);
  const e = await rejection(readImage(''));
  assert.ok(e instanceof ConfigError && /^readImage: path must be a non-empty string/.test(e.message));
});

image.run();
