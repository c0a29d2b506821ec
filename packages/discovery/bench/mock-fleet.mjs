// Child process of discovery-bench.mjs: starts realistic fleet servers (parallel slots + queue, prompt processing
// proportional to uncached tokens, a prefix cache, generation speed; see src/testing/fleet-server.ts, loaded with
// Node's type stripping) from the JSON array in argv[2], prints their URLs as one JSON line, then answers line
// commands on stdin — `stats` (one JSON line of every server's counters) and `reset` — until stdin closes.
import { createInterface } from 'node:readline';
import { startFleetServer } from '../src/testing/fleet-server.ts';

const configs = JSON.parse(process.argv[2] ?? '[]');
const servers = await Promise.all(configs.map((config) => startFleetServer(config)));
process.stdout.write(`${JSON.stringify(servers.map((s) => s.url))}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'stats') process.stdout.write(`${JSON.stringify(servers.map((s) => ({ ...s.stats(), ...s.load() })))}\n`);
  else if (line === 'reset') {
    for (const s of servers) s.resetStats();
    process.stdout.write('{}\n');
  }
});
lines.on('close', async () => {
  await Promise.all(servers.map((s) => s.close()));
  process.exit(0);
});
