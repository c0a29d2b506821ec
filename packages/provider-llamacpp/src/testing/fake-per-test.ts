import { afterEach } from 'vitest';
import { startFakeLlamaServer, type FakeRoutes } from './fake-llama-server.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Starts a fake llama-server answering `routes`; it is closed after the test. */
export async function fake(routes: FakeRoutes): ReturnType<typeof startFakeLlamaServer> {
  const server = await startFakeLlamaServer(routes);
  closers.push(server.close);
  return server;
}
