// The machine a result was measured on: CPU model, cores, RAM, load, Node version, git commit.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverage1m: number;
  gitCommit: string | null;
  /** True when the working tree had uncommitted changes (the numbers are for that tree). */
  gitDirty: boolean | null;
  date: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

export function describeMachine(): MachineDescription {
  const list = cpus();
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    gitCommit: git(['rev-parse', '--short', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
    date: new Date().toISOString(),
  };
}

export function machineLine(m: MachineDescription): string {
  const commit = m.gitCommit
    ? `, commit ${m.gitCommit}${m.gitDirty ? ' + uncommitted changes' : ''}`
    : '';
  return `${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}, load ${m.loadAverage1m} at start${commit}; ${m.date}`;
}
