import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGguf, LLAMA_CHAT_MODEL, LLAMA_EMBEDDING_MODEL, LLAMA_TOOLS_MODEL } from './llama-models.js';
import { LLAMA_CPP_PYTHON_VERSION, LLAMA_SERVER_CMAKE_FLAGS, llamaServerBuildKey, llamaServerPaths } from './llama-server-binary.js';
import { presetIni } from './start-llama-server.js';

describe('test-llamacpp', () => {
  it('the router preset serves chat (Gemma template), tools (--jinja) and, when given, the embedding model', () => {
    const ini = presetIni({ chat: '/m/gemma.gguf', chatTemplate: '/t/gemma.jinja', tools: '/m/smollm2.gguf', embedding: '/m/minilm.gguf' }, 4096);
    expect(ini).toContain(`[${LLAMA_CHAT_MODEL}]\nmodel = /m/gemma.gguf\njinja = true\nchat-template-file = /t/gemma.jinja\nctx-size = 4096`);
    expect(ini).toContain(`[${LLAMA_TOOLS_MODEL}]\nmodel = /m/smollm2.gguf\njinja = true`);
    expect(ini).toContain(`[${LLAMA_EMBEDDING_MODEL}]\nmodel = /m/minilm.gguf\nembeddings = true`);
    expect(presetIni({ chat: 'a', chatTemplate: 'b', tools: 'c' }, 2048)).not.toContain(LLAMA_EMBEDDING_MODEL);
  });

  it('the binary cache key names the pinned version and changes with the CMake flags; paths live under <cache>/llama-cpp', () => {
    expect(llamaServerBuildKey()).toMatch(new RegExp(`^${LLAMA_CPP_PYTHON_VERSION.replaceAll('.', '\\.')}-[0-9a-f]{8}-cpu[0-9a-f]{8}$`));
    expect(LLAMA_SERVER_CMAKE_FLAGS).toEqual(expect.arrayContaining(['-DLLAMA_BUILD_UI=OFF', '-DLLAMA_CURL=OFF', '-DLLAMA_OPENSSL=OFF']));
    const paths = llamaServerPaths({ SAMUS_CACHE_DIR: '/c' });
    expect(paths.binary).toBe(`/c/llama-cpp/${llamaServerBuildKey()}/llama-server`);
  });

  it('isGguf checks the magic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samus-gguf-'));
    writeFileSync(join(dir, 'a.gguf'), 'GGUF\u0003\u0000');
    writeFileSync(join(dir, 'b.gguf'), '<html>');
    expect(isGguf(join(dir, 'a.gguf'))).toBe(true);
    expect(isGguf(join(dir, 'b.gguf'))).toBe(false);
    expect(isGguf(join(dir, 'missing.gguf'))).toBe(false);
  });
});
