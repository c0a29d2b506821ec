#!/usr/bin/env node
// The package imports itself: the built dist when installed; with `--conditions=@samus/source` (the workspace's
// tests) the TypeScript sources. Node caches the compiled code between runs (Node ≥ 22.1), so `samus` starts faster
// from its second run on; the cache lives in the OS temp directory and is safe to delete.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('@samus/cli');
await main();
