import { samusTsdownConfig } from '@samus/tsconfig/tsdown';
import { defineConfig } from 'tsdown';

// What a generator needs at construction goes into one chunk (each extra module costs the importer ≈ 0.3 ms in
// Node's loader); the converters, decoders and stream plumbing stay in the chunks loaded on the first request.
const LAZY = /[\\/]src[\\/](openai-conversion|internal-conversion|openai-plugin-implementation|openai-admin|chat-completion-to-response|chat-completion-chunk-converter|openai-stream-decoder|response-format|to-openai-messages|to-openai-tools|gemini-schema-to-json-schema|text-tool-call-recovery|recovery-tools-of|tool-call-accumulator|json-scan|think-tag-splitter|thought-coalescer|text-accumulator|typed-content|to-usage-metadata|usage-timings|map-finish-reason|response-stream|queued-async-generator|sse-parser)\.ts$/;

export default defineConfig(
  samusTsdownConfig({
    entry: ['src/index.ts', 'src/internal.ts', 'src/internal-conversion.ts'],
    outputOptions: {
      codeSplitting: { groups: [{ name: 'provider-core', test: (id: string) => /[\\/]src[\\/][^\\/]+(?<!\.d)\.ts$/.test(id) && !LAZY.test(id) }] },
    },
  }),
);
