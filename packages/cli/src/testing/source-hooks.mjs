// Module hooks that let Node run the workspace's TypeScript sources directly (tests of the real `samus` entry
// without a build): with `--conditions=@samus/source` the packages resolve to `src/*.ts`, whose relative imports
// say `.js`; this maps such an import to the `.ts` file next to it when no `.js` file exists.
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    throw error;
  }
}
