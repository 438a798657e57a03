import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One child process to time: wall clock from the parent, peak RSS from GNU time or a preload. */
export interface Command {
  /** File stem for its logs (`<logs>/<name>.stdout`, `.stderr`). */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Exit codes that mean success (`ssot audit` exits 1 when it has findings). */
  okExitCodes?: readonly number[];
}

export interface Measurement {
  wallMs: number;
  /** Peak resident set size in bytes, or null when it could not be read. */
  peakRssBytes: number | null;
  exitCode: number;
  stdoutFile: string;
  stderrFile: string;
}

export class CommandFailed extends Error {}

let gnuTime: string | null | undefined;

/** `/usr/bin/time` from GNU time (it has `-f` and `-o`), or null. */
export function gnuTimeBinary(): string | null {
  if (gnuTime !== undefined) return gnuTime;
  gnuTime = null;
  for (const candidate of ['/usr/bin/time', '/bin/time']) {
    if (!existsSync(candidate)) continue;
    const probe = spawnSync(candidate, ['-f', '%M', 'true'], { encoding: 'utf8' });
    if (probe.status === 0 && /^\d+\s*$/m.test(probe.stderr)) {
      gnuTime = candidate;
      break;
    }
  }
  return gnuTime;
}

/** The preload that records a Node process's own peak RSS at exit, for machines without GNU time. */
const RSS_PROBE = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-probe.js')).href;

export function memorySource(): string {
  return gnuTimeBinary()
    ? `GNU time %M (${gnuTimeBinary()})`
    : 'process.resourceUsage().maxRSS of each Node process (GNU time not found)';
}

export async function measure(command: Command, logs: string): Promise<Measurement> {
  const stdoutFile = path.join(logs, `${command.name}.stdout`);
  const stderrFile = path.join(logs, `${command.name}.stderr`);
  const memoryFile = path.join(logs, `${command.name}.rss`);
  rmSync(memoryFile, { force: true });
  const time = gnuTimeBinary();
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...command.env };
  let file = command.command;
  let args = command.args;
  if (time) {
    file = time;
    args = ['-f', '%M', '-o', memoryFile, command.command, ...command.args];
  } else if (command.command === process.execPath) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${RSS_PROBE}`.trim();
    env.BENCH_RSS_FILE = memoryFile;
  }
  const stdout = openSync(stdoutFile, 'w');
  const stderr = openSync(stderrFile, 'w');
  const started = performance.now();
  let exitCode: number;
  try {
    exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(file, args, { cwd: command.cwd, env, stdio: ['ignore', stdout, stderr] });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  } finally {
    closeSync(stdout);
    closeSync(stderr);
  }
  const wallMs = performance.now() - started;
  const ok = command.okExitCodes ?? [0];
  if (!ok.includes(exitCode)) {
    const tail = readFileSync(stderrFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new CommandFailed(
      `${command.name} exited with ${exitCode}: ${[command.command, ...command.args].join(' ')}\n${tail}\n(full logs: ${stdoutFile}, ${stderrFile})`,
    );
  }
  return { wallMs, peakRssBytes: readPeakRss(memoryFile), exitCode, stdoutFile, stderrFile };
}

function readPeakRss(file: string): number | null {
  if (!existsSync(file)) return null;
  // GNU time writes one number (KiB); the preload appends one per Node process.
  const kibibytes = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((value) => Number.isFinite(value) && value > 0);
  return kibibytes.length > 0 ? Math.max(...kibibytes) * 1024 : null;
}
