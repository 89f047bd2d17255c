// The `mot` program: its subcommands, each of which lives in
// commands/<name>.ts and exports `register(program)`.
//
// Start-up time: importing a command pulls in its packages (trackers, the CNN
// runtime, metrics), which costs far more than Node's own start. So only the
// command being run is imported; `mot --help` and `mot --version` import
// none and show each command from the table below, whose summary a test
// checks against the command's own description.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';

interface CommandEntry {
  /** Usage term beside the name in `mot --help` (as commander would print it). */
  readonly usage: string;
  /** The command's description (equal to what its register() sets). */
  readonly summary: string;
  readonly load: () => Promise<{ register(program: Command): void }>;
}

// --- subcommands ---
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  track: {
    usage: '[options] [input]',
    summary: 'track objects in a video or image folder (NanoDet + a tracker), or through MOTChallenge detections (det.txt, or deep_sort .npy for DeepSORT)',
    load: () => import('./commands/track.js'),
  },
  eval: {
    usage: '[options]',
    summary: 'score tracker results against MOTChallenge ground truth: HOTA, CLEAR MOT (MOTA), IDF1',
    load: () => import('./commands/eval.js'),
  },
  'model-info': {
    usage: '[options] <model>',
    summary: 'per-layer output shape, parameters, MACs and receptive field of a model, with totals',
    load: () => import('./commands/model-info.js'),
  },
  detect: {
    usage: '[options] <input>',
    summary: 'detect objects with NanoDet (COCO) in an image or video; writes MOTChallenge det rows frame,-1,x,y,w,h,score,classId,-1,-1',
    load: () => import('./commands/detect.js'),
  },
  embed: {
    usage: '[options] <input>',
    summary: "embed each detection box with a ReID network (deep_sort's generate_detections.py): writes deep_sort's .npy, N x (10 det columns + feature)",
    load: () => import('./commands/embed.js'),
  },
  queue: {
    usage: '[options] [command]',
    summary: 'queue videos for `mot worker` processes on Redis (BullMQ), and see the queue',
    load: () => import('./commands/queue.js'),
  },
  worker: {
    usage: '[options]',
    summary: 'run queued jobs (mot queue add), each as a `mot track` process',
    load: () => import('./commands/worker.js'),
  },
};
// --- end subcommands ---

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The program with `name` registered in full (its module imported) and every
 * other command as a stub that only shows in `mot --help`.
 */
export async function buildProgram(name: string | undefined): Promise<Command> {
  const program = new Command();
  program
    .name('mot')
    .description('Multi-object tracking in Node.js: track, evaluate, inspect models.')
    .version(version, '-V, --version', 'print the version')
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // commander puts "(Did you mean --x?)" on a line of its own: keep the error one line.
      outputError: (s, write) => write(s.replace(/\n(?=\(Did you mean)/, ' ')),
    })
    .showHelpAfterError('see `mot --help`')
    .configureHelp({ subcommandTerm: (cmd) => `${cmd.name()} ${COMMANDS[cmd.name()]?.usage ?? cmd.usage()}`.trim() });
  for (const [id, entry] of Object.entries(COMMANDS)) {
    if (id === name) (await entry.load()).register(program);
    else program.command(id).description(entry.summary);
  }
  // A usage error (unknown option, missing value) prints one line and where to look, not the whole help.
  for (const cmd of program.commands) cmd.showHelpAfterError(`see \`mot ${cmd.name()} --help\``);
  return program;
}

/** The command named on the command line (`mot <name> ...` or `mot help <name>`), if any. */
export function commandName(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const first = words[0] === 'help' ? words[1] : words[0];
  return first !== undefined && first in COMMANDS ? first : undefined;
}

