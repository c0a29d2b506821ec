// The one tsdown setup of every @samus package: ESM only, `dist/*.mjs` + `.d.mts`, Node 22 target.
// A package's tsdown.config.ts is `export default samusTsdownConfig()` plus what differs (more entries).

/**
 * @param {import('tsdown').UserConfig} [overrides] settings that differ from the shared ones
 * @returns {import('tsdown').UserConfig}
 */
export function samusTsdownConfig(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: 'esm',
    dts: true,
    platform: 'node',
    target: 'node22',
    fixedExtension: true,
    ...overrides,
  };
}
