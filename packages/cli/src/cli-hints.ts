import type { SamusError } from '@samus/kernel';

const backticked = (command: string) => `\`${command}\``;

/** Where a model lives, for `--auth` in a hint (`samus pull --auth lm-studio …`). */
function authFlag(error: SamusError): string {
  const provider = String(error.details.provider ?? error.details.serverKind ?? '');
  return provider === 'lm-studio' || /LM Studio/.test(error.message) ? ' --auth lm-studio' : '';
}

/** Server-tool and library wording in a hint, rewritten to the `samus` command that does the same. */
function rewriteCommands(hint: string): string {
  return hint
    .replace(/`ollama pull ([^`]+)`/g, (_, model: string) => backticked(`samus pull ${model}`))
    .replace(/`lms get ([^`]+)`/g, (_, model: string) => backticked(`samus pull --auth lm-studio ${model}`))
    .replace(/`lms load ([^`]*?)(?: --context-length ([^`]+))?`/g, (_, model: string, context?: string) =>
      backticked(`samus load${context ? ` --context-length ${context}` : ''} ${model || '<model>'}`.replace(/ {2,}/g, ' ').trim()),
    )
    .replace(/`lms unload ([^`]+)`/g, (_, model: string) => backticked(`samus unload ${model}`))
    .replace(/`(?:ollama list|ollama ls|lms ls)`/g, backticked('samus models'))
    .replace(/`ollama ps`/g, backticked('samus ps'))
    .replace(/`ollama show`/g, backticked('samus show <model>'))
    .replace(/`ollama rm`/g, backticked('samus rm <model>'))
    .replace(/\boptions\.baseUrl\b/g, '--base-url')
    .replace(/ or admin\.load\(\)/g, '')
    .replace(/\badmin\.load\(\)/g, backticked('samus load <model>'))
    .replace(/\badmin\.listModels\(\)/g, backticked('samus models'))
    .replace(/providerOptions\.jitLoadTimeoutMs \(now \d+ ms\) \/ timeouts\.firstByteMs/g, 'wait and ask again (the load continues)');
}

/**
 * The hint `samus` prints for an error: by code, one that names `samus` commands (a missing model →
 * `samus pull <model>` and the similar names the CLI found, an embedding model asked to chat → pick a chat model from
 * `samus models`, a model not loaded → `samus load <model>`); otherwise the provider's hint with server-tool commands
 * (`ollama pull`, `lms get`, `lms load`, …) replaced by the `samus` ones. Usage errors keep theirs.
 */
export function cliHint(error: SamusError): string {
  if (error.code === 'SAMUS_ERR_USAGE') return error.hint;
  const model = typeof error.details.model === 'string' && error.details.model !== '' ? error.details.model : '<model>';
  if (error.code === 'SAMUS_ERR_MODEL_NOT_FOUND' && error.details.cliHint !== true) {
    const raw = error.details.suggestions;
    const suggestions = Array.isArray(raw) ? raw.filter((name): name is string => typeof name === 'string') : [];
    const pull = backticked(`samus pull${authFlag(error)} ${model}`);
    if (/registry has no model/.test(error.message)) return rewriteCommands(error.hint);
    return suggestions.length > 0
      ? `Did you mean ${suggestions.map(backticked).join(', ')}? Or download it with ${pull} (\`samus models\` lists what is installed).`
      : `Download it with ${pull}, or pick an installed model from \`samus models\`.`;
  }
  if (error.code === 'SAMUS_ERR_MODEL_NOT_LOADED') {
    return `Load it with ${backticked(`samus load ${model}`)}, or enable just-in-time loading on the server.`;
  }
  if (error.code === 'SAMUS_ERR_CAPABILITY_MISSING' && /embedding model|does not support (chat|generate|completion)/.test(`${error.hint} ${error.message}`)) {
    return `"${model}" is an embedding model and cannot chat: pick a chat model (KIND chat in \`samus models\`) with -m.`;
  }
  return rewriteCommands(error.hint);
}
