// The same from CommonJS: require('@mot/pipeline').
//   node app.cjs video.mp4 det.txt
const { track } = require('@mot/pipeline');

const [video, detections] = process.argv.slice(2);
let frames = 0;
let rows = 0;
const ids = new Set();
track(video, { detections, tracker: 'sort' }).subscribe({
  next: ({ frame, detections: dets, tracks }) => {
    frames++;
    rows += tracks.length;
    for (const t of tracks) ids.add(t.id);
    if (frame.index % 10 === 0) console.log(`frame ${frame.index + 1}: ${dets.length} detections, ${tracks.length} tracks`);
  },
  error: (e) => {
    console.error(e);
    process.exitCode = 1;
  },
  complete: () => console.log(`pipeline cjs: ${frames} frames, ${rows} track rows, ${ids.size} identities`),
});
