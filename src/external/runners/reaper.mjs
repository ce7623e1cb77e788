// The reaper: kills isolated runners' process groups when the suite is gone. One per
// isolation bridge (src/external/runners/bridge-worker.mjs), started detached in a group of
// its own, reading lines "+PGID" (a runner started) and "-PGID" (it was killed) on stdin.
// Only the suite holds the other end of that pipe, so end of input means the suite has
// ended, however it ended: a normal exit, an uncaught error, SIGTERM, SIGINT or SIGKILL.
// Then every group still listed is killed, with whatever a port forked into it. No polling,
// no signal handlers in the suite (it may be a user's test runner), no delay.

const groups = new Set();
let pending = '';

function killAll() {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }
  process.exit(0);
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop();
  for (const line of lines) {
    const pgid = Number(line.slice(1));
    if (!Number.isSafeInteger(pgid) || pgid <= 1) continue; // never a broadcast kill
    if (line[0] === '+') groups.add(pgid);
    else if (line[0] === '-') groups.delete(pgid);
  }
});
process.stdin.on('end', killAll);
process.stdin.on('error', killAll);
