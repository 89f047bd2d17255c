// The same as packages-app.mjs from CommonJS: require() of our ES modules
// (Node 20.19+ loads ES modules without top-level await through require).
//   node packages-app.cjs video.mp4 det.txt out.txt
const { SortTracker } = require('@mot/deepsort');
const { readMotFile, rowsByFrame, writeMotResults } = require('@mot/motchallenge');
const { readFrames } = require('@mot/video');

async function main() {
  const [video, detFile, outFile] = process.argv.slice(2);
  const rows = readMotFile(detFile, 'det');
  const byFrame = rowsByFrame(rows);
  const tracker = new SortTracker();
  const out = [];
  let frames = 0;
  for await (const frame of readFrames(video)) {
    const n = frame.index + 1;
    const detections = (byFrame.get(n) ?? []).map((i) => ({
      box: [rows.x[i], rows.y[i], rows.w[i], rows.h[i]],
      score: rows.score[i],
      classId: rows.classId[i],
    }));
    const tracks = tracker.update(detections);
    for (const t of tracks) out.push({ frame: n, id: t.id, box: t.box });
    if (n % 10 === 1) console.log(`frame ${n}: ${detections.length} detections, ${tracks.length} tracks`);
    frames++;
  }
  writeMotResults(outFile, out);
  console.log(`cjs: ${frames} frames, ${out.length} track rows, ${new Set(out.map((r) => r.id)).size} identities -> ${outFile}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
