// The built server (dist/server/main.js) as a child process on a free port, for the benches.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const BENCH_TOKEN = 'kz_bench_token_0000000000';

/** Starts the built server over `dbFile` (with `env` added); resolves with the child and its origin once it listens. */
export function startServer(dbFile, env = {}) {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, PORT: '0', KIZUNA_DB: dbFile, KIZUNA_ADMIN_TOKEN: BENCH_TOKEN, KIZUNA_RATE_LIMIT: '1000000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(out);
      if (!match) return;
      // From here on the log is read and dropped, as a log collector would take it, without
      // the bench's own process holding (and re-scanning) every access line.
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({ child, origin: `http://127.0.0.1:${match[1]}` });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Stops a server started by `startServer` and waits until it has exited. */
export async function stopServer(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** CPU seconds (user + system) the process `pid` has used so far, from /proc (Linux); null elsewhere. */
export function cpuSeconds(pid) {
  try {
    // Fields after the command name; utime and stime are the 12th and 13th, in clock ticks (100/s on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
