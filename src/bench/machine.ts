// What the figures were measured on: enough to compare runs across machines.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from './schema.js';
import { benchAddon } from './native-timer.js';

const ISA_FLAGS = /^(sse4_2|avx|avx2|fma|f16c|avx512\w*|amx\w*)$/;
const CACHE_DIR = '/sys/devices/system/cpu/cpu0/cache';

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return fallback;
  }
}

/** "32K", "1024K", "32768K" (sysfs) to bytes. */
function cacheBytes(size: string): number {
  const m = /^(\d+)([KMG]?)$/.exec(size);
  if (!m) return 0;
  return Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2] as '' | 'K' | 'M' | 'G'];
}

/** Cache sizes from getconf (glibc reads CPUID), when sysfs has no cache directory. */
function getconfCaches(): MachineInfo['caches'] {
  const out: MachineInfo['caches'] = [];
  for (const [level, name, type] of [[1, 'LEVEL1_DCACHE_SIZE', 'Data'], [2, 'LEVEL2_CACHE_SIZE', 'Unified'], [3, 'LEVEL3_CACHE_SIZE', 'Unified'], [4, 'LEVEL4_CACHE_SIZE', 'Unified']] as const) {
    try {
      const bytes = Number(execFileSync('getconf', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      if (bytes > 0) out.push({ level, type, bytes });
    } catch {
      // getconf missing or the name unknown: that level stays unreported.
    }
  }
  return out;
}

function caches(): MachineInfo['caches'] {
  let entries: string[];
  try {
    entries = readdirSync(CACHE_DIR).filter((e) => e.startsWith('index'));
  } catch {
    return getconfCaches();
  }
  if (entries.length === 0) return getconfCaches();
  return entries.map((e) => ({
    level: Number(readOr(`${CACHE_DIR}/${e}/level`, '0')),
    type: readOr(`${CACHE_DIR}/${e}/type`, 'unknown'),
    bytes: cacheBytes(readOr(`${CACHE_DIR}/${e}/size`, '')),
  }));
}

function isaFlags(): string[] {
  const line = readOr('/proc/cpuinfo', '').split('\n').find((l) => l.startsWith('flags'));
  return line ? line.split(':')[1]!.trim().split(/\s+/).filter((f) => ISA_FLAGS.test(f)) : [];
}

/** The machine at the start of a run; loadAverage.end is filled in when the run ends. */
export function machineInfo(): MachineInfo {
  const addon = benchAddon();
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    logicalCpus: cpus().length,
    isaFlags: isaFlags(),
    caches: caches(),
    memoryBytes: totalmem(),
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    denormals: addon ? addon.denormalMode() : null,
    loadAverage: { start: loadavg()[0]!, end: NaN },
  };
}

/** Memory the kernel may still allocate: MemAvailable of /proc/meminfo, else free memory. */
export function availableMemoryBytes(): number {
  const m = /^MemAvailable:\s+(\d+) kB/m.exec(readOr('/proc/meminfo', ''));
  return m ? Number(m[1]) * 1024 : freemem();
}

/** Last-level cache size in bytes (0 when unknown). */
export function lastLevelCacheBytes(info: MachineInfo): number {
  return info.caches.reduce((best, c) => (c.level > (best?.level ?? 0) ? c : best), info.caches[0])?.bytes ?? 0;
}
