// A user's ESM script on the installed tarballs (no @mot/pipeline needed):
// decode the sample video with @mot/video, take each frame's public
// detections from det.txt with @mot/motchallenge, track with SORT from
// @mot/deepsort, write MOTChallenge result rows.
//   node packages-app.mjs video.mp4 det.txt out.txt
import { SortTracker } from '@mot/deepsort';
import { readMotFile, rowsByFrame, writeMotResults } from '@mot/motchallenge';
import { readFrames } from '@mot/video';

const [video, detFile, outFile] = process.argv.slice(2);
const rows = readMotFile(detFile, 'det');
const byFrame = rowsByFrame(rows);
const tracker = new SortTracker();
const out = [];
let frames = 0;
for await (const frame of readFrames(video)) {
  const n = frame.index + 1; // MOTChallenge frames are 1-based
  const detections = (byFrame.get(n) ?? []).map((i) => ({
    box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]],
    score: rows.score[i],
    classId: rows.classId[i],
  }));
  const tracks = tracker.update(detections);
  for (const t of tracks) out.push({ frame: n, id: t.id, box: t.box });
  if (n % 10 === 1) console.log(`frame ${n} (${frame.width}x${frame.height}): ${detections.length} detections, ${tracks.length} tracks`);
  frames++;
}
writeMotResults(outFile, out);
console.log(`esm: ${frames} frames, ${out.length} track rows, ${new Set(out.map((r) => r.id)).size} identities -> ${outFile}`);
