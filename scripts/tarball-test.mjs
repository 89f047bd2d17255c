#!/usr/bin/env node
// The tarball test (run by CI, `pnpm test:tarballs`): builds, packs every
// workspace package, installs the tarballs with npm into a new project in a
// temporary folder outside the workspace, and runs there what a user would:
//
//   node packages-app.mjs / .cjs  ESM import / require of @mot/video,
//                                 @mot/motchallenge, @mot/deepsort: SORT on the
//                                 sample video TUD-Campus.mp4 with its public
//                                 detections; rows must equal abewley/sort's
//   node app.mjs / app.cjs        the same through @mot/pipeline's track()
//   mot track ...                 the installed bin (plain node, no tsx
//                                 installed), rows equal to abewley/sort's
//   tsc --noEmit                  a strict user .ts file, skipLibCheck false
//
// Expected rows: fixtures/mot15/TUD-Campus/sort_reference.txt, the output of
// abewley/sort (see fixtures/README.md). The project folder is removed on
// success; on failure it is kept and its path printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, packAndInstall } from './tarball-install.mjs';
import { ROOT } from './workspace-packages.mjs';

const APP = join(ROOT, 'scripts', 'tarball-app');
const SEQ = join(ROOT, 'fixtures', 'mot15', 'TUD-Campus');
const VIDEO = join(ROOT, 'fixtures', 'video', 'TUD-Campus.mp4');
const t0 = performance.now();
let failures = 0;

function check(name, fn) {
  try {
    const note = fn();
    console.log(`ok - ${name}${note ? `: ${note}` : ''}`);
  } catch (e) {
    failures++;
    console.log(`FAIL - ${name}\n  ${String(e instanceof Error ? e.message : e).split('\n').join('\n  ')}`);
  }
}

/** Runs a command in the project; returns stdout, throws with both streams on a non-zero exit. */
function run(project, cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
  const shown = `$ ${[cmd === process.execPath ? 'node' : relative(project, cmd), ...args].join(' ')}`;
  console.log(shown);
  const indent = (text, prefix) => text.replace(/\n$/, '').replace(/^/gm, prefix) + '\n';
  if (r.stdout) process.stdout.write(indent(r.stdout, '  '));
  if (r.stderr) process.stdout.write(indent(r.stderr, '  stderr: '));
  if (r.status !== 0) throw new Error(`${shown} exited ${r.status}${r.signal ? ` (${r.signal})` : ''}`);
  return r.stdout;
}

/** MOTChallenge result rows: frame,id,x,y,w,h,... */
function readRows(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(',').map(Number));
}

/**
 * Our rows against the reference tracker's: same count, every frame's boxes
 * within 0.01 px (the reference prints 2 decimals), identities one-to-one.
 */
function sameTracks(oursPath, refPath) {
  const ours = readRows(oursPath);
  const ref = readRows(refPath);
  if (ours.length !== ref.length) throw new Error(`${ours.length} rows, reference ${ref.length}`);
  const refByFrame = new Map();
  for (const r of ref) (refByFrame.get(r[0]) ?? refByFrame.set(r[0], []).get(r[0])).push(r);
  const idMap = new Map();
  const usedRef = new Set();
  for (const o of ours) {
    const candidates = refByFrame.get(o[0]) ?? [];
    const match = candidates.find((r) => [2, 3, 4, 5].every((k) => Math.abs(r[k] - o[k]) <= 0.01));
    if (!match) throw new Error(`frame ${o[0]} id ${o[1]} box ${o.slice(2, 6).join(',')} not in the reference`);
    if (idMap.has(o[1]) && idMap.get(o[1]) !== match[1]) throw new Error(`id ${o[1]} maps to reference ids ${idMap.get(o[1])} and ${match[1]}`);
    if (!idMap.has(o[1]) && usedRef.has(match[1])) throw new Error(`reference id ${match[1]} matched by two of our ids`);
    idMap.set(o[1], match[1]);
    usedRef.add(match[1]);
  }
  return `${ours.length} rows, ${idMap.size} identities, equal to abewley/sort's (0.01 px, ids one-to-one)`;
}

build();
const project = mkdtempSync(join(tmpdir(), 'mot-tarballs-'));
console.log(`[tarballs] project: ${project}`);
const { packages } = packAndInstall(project);

for (const f of readdirSync(APP)) copyFileSync(join(APP, f), join(project, f));
copyFileSync(VIDEO, join(project, 'video.mp4'));
for (const f of ['det.txt', 'seqinfo.ini', 'sort_reference.txt']) copyFileSync(join(SEQ, f), join(project, f));
const nm = join(project, 'node_modules');

check('every package installed with its exports built (types + import files present), no sources, no tests', () => {
  for (const p of packages) {
    const dir = join(nm, ...p.name.split('/'));
    const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [key, target] of Object.entries(m.exports ?? {})) {
      for (const cond of ['types', 'import', 'default']) {
        if (typeof target[cond] !== 'string' || !existsSync(join(dir, target[cond]))) throw new Error(`${p.name} exports['${key}'].${cond} = ${target[cond]} is missing`);
      }
    }
    const files = execFileSync('find', ['.', '-type', 'f'], { cwd: dir, encoding: 'utf8' }).split('\n');
    const bad = files.filter((f) => f.startsWith('./src/') || /\.test\.(js|d\.ts)$/.test(f) || f.includes('/testing/'));
    if (bad.length > 0) throw new Error(`${p.name} ships ${bad.slice(0, 3).join(', ')}`);
    if (JSON.stringify(m).includes('workspace:')) throw new Error(`${p.name}'s package.json still has workspace: versions`);
  }
  return `${packages.length} packages`;
});

check('@mot/detector ships the NanoDet model with its licence, found from dist/', () => {
  const out = run(project, process.execPath, ['--input-type=module', '-e', "import { DEFAULT_NANODET_MODEL } from '@mot/detector'; import { existsSync } from 'node:fs'; console.log(DEFAULT_NANODET_MODEL, existsSync(DEFAULT_NANODET_MODEL));"]);
  if (!/detector\/models\/nanodet\/nanodet\.json true$/m.test(out)) throw new Error('DEFAULT_NANODET_MODEL does not exist in the installed package');
  for (const f of ['models/nanodet/LICENSE', 'models/nanodet/nanodet.bin', 'NOTICE.md', 'LICENSE']) {
    if (!existsSync(join(nm, '@mot', 'detector', f))) throw new Error(`@mot/detector has no ${f}`);
  }
});

check('no tsx installed (the bin runs dist/ on plain node)', () => {
  if (existsSync(join(nm, 'tsx'))) throw new Error('node_modules/tsx exists');
});

check('ESM import of @mot/video + @mot/motchallenge + @mot/deepsort tracks the sample video', () => {
  run(project, process.execPath, ['packages-app.mjs', 'video.mp4', 'det.txt', 'esm.txt']);
  return sameTracks(join(project, 'esm.txt'), join(project, 'sort_reference.txt'));
});

check('require() of the same packages tracks the sample video', () => {
  run(project, process.execPath, ['packages-app.cjs', 'video.mp4', 'det.txt', 'cjs.txt']);
  return sameTracks(join(project, 'cjs.txt'), join(project, 'sort_reference.txt'));
});

check('ESM: app.mjs tracks the sample video through @mot/pipeline', () => {
  const out = run(project, process.execPath, ['app.mjs', 'video.mp4', 'det.txt']);
  if (!/^pipeline esm: 71 frames, [1-9]\d* track rows/m.test(out)) throw new Error('app.mjs did not print the 71 frames and their tracks');
});
check('CJS: app.cjs tracks the sample video through require(@mot/pipeline)', () => {
  const out = run(project, process.execPath, ['app.cjs', 'video.mp4', 'det.txt']);
  if (!/^pipeline cjs: 71 frames, [1-9]\d* track rows/m.test(out)) throw new Error('app.cjs did not print the 71 frames and their tracks');
});

check('an ffprobe installer binary left without execute permission is made executable on first use', () => {
  // What a package manager that skips install scripts can leave: the installer
  // package's own postinstall is `chmod u+x`.
  const ffprobe = join(nm, '@ffprobe-installer', 'linux-x64', 'ffprobe');
  if (!existsSync(ffprobe)) return `SKIP: no ${relative(project, ffprobe)} on ${process.platform}-${process.arch}`;
  chmodSync(ffprobe, 0o644);
  const out = run(project, process.execPath, ['--input-type=module', '-e', "import { probeVideo } from '@mot/video'; const i = await probeVideo('video.mp4'); console.log(i.width, i.height, i.frameCount);"]);
  if (out.trim() !== '640 480 71') throw new Error(`probeVideo printed '${out.trim()}', expected '640 480 71' (fixtures/video/README.md)`);
  const mode = statSync(ffprobe).mode & 0o777;
  if (mode !== 0o755) throw new Error(`ffprobe mode is ${mode.toString(8)} after use, expected 755`);
  return 'mode 644 -> 755, probeVideo: 640x480, 71 frames';
});

check('require() of every library package (ES modules without top-level await)', () => {
  const libs = packages.filter((p) => p.manifest.exports !== undefined).map((p) => p.name);
  const out = run(project, process.execPath, ['-e', `for (const n of ${JSON.stringify(libs)}) { const m = require(n); console.log(n, Object.keys(m).length, 'exports'); }`]);
  return `${out.trim().split('\n').length} packages`;
});

const mot = join(nm, '.bin', 'mot');
check('installed mot --version and --help', () => {
  const version = run(project, mot, ['--version']).trim();
  const expected = JSON.parse(readFileSync(join(nm, '@mot', 'cli', 'package.json'), 'utf8')).version;
  if (version !== expected) throw new Error(`mot --version printed '${version}', package is ${expected}`);
  const help = run(project, mot, ['--help']);
  if (!/^Usage: mot /m.test(help) || !/\btrack\b/.test(help)) throw new Error('no usage line');
  return `version ${version}`;
});
check('installed mot tracks the sample sequence (det.txt + seqinfo.ini), its done line on a non-TTY stderr', () => {
  run(project, mot, ['track', '--detections', 'det.txt', '--seqinfo', 'seqinfo.ini', '-o', 'mot-out.txt']);
  return sameTracks(join(project, 'mot-out.txt'), join(project, 'sort_reference.txt'));
});

check('installed mot tracks the sample video (mot track video.mp4 with its det.txt), rows equal to the det-file run', () => {
  run(project, mot, ['track', 'video.mp4', '--detections', 'det.txt', '-o', 'mot-video.txt']);
  return sameTracks(join(project, 'mot-video.txt'), join(project, 'sort_reference.txt'));
});

check('tsc --noEmit on strict user files (skipLibCheck false)', () => {
  const files = ['packages-user.ts', 'user.ts'];
  const config = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ ...config, files }, null, 2));
  run(project, process.execPath, [join(nm, 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  return files.join(', ');
});

const seconds = ((performance.now() - t0) / 1000).toFixed(0);
if (failures > 0) {
  console.log(`\ntarball test: ${failures} failed in ${seconds} s; project kept at ${project}`);
  process.exit(1);
}
if (process.env.MOT_KEEP_TARBALL_PROJECT !== '1') rmSync(project, { recursive: true, force: true });
console.log(`\ntarball test: all passed in ${seconds} s`);
