// Runnable example: health, models and a streamed chat against LM Studio (or `mock-lmstudio --port 1234`).
// Reads LM_STUDIO_BASE_URL (default http://localhost:1234), LM_STUDIO_MODEL and LM_API_TOKEN.
import { createKernel, SamusError } from '@samus/kernel';
import { lmStudioPlugin } from '@samus/provider-lmstudio';

const kernel = createKernel().register(lmStudioPlugin);
kernel.events.on('response:finish', (event) => {
  const server = event.server?.tokensPerSecond === undefined ? '' : `, server ${event.server.tokensPerSecond.toFixed(1)} tokens/s`;
  console.error(`[${event.model}] ${event.durationMs.toFixed(0)} ms, ttft ${event.ttftMs?.toFixed(0) ?? '?'} ms${server}`);
});

const config = kernel.createContentGeneratorConfig('lm-studio', { model: process.env.LM_STUDIO_MODEL ?? 'qwen2.5-7b-instruct' });
const lmStudio = await kernel.createContentGenerator(config);

try {
  const health = await lmStudio.admin.health();
  console.log(`health: ${health.ok ? 'ok' : `${health.error.code}: ${health.error.message}\n  hint: ${health.error.hint}`} (${health.baseUrl}, ${health.version ?? 'version unknown'})`);
  if (!health.ok) process.exit(1);

  for (const model of await lmStudio.admin.listModels()) {
    console.log(`  ${model.id.padEnd(40)} ${String(model.type).padEnd(10)} ${model.state.padEnd(10)} ctx ${model.contextLength ?? '?'}  ${model.capabilities.join(',')}`);
  }

  const request = { model: config.model, contents: 'Say hello in five words.', config: { temperature: 0, seed: 42, maxOutputTokens: 32 } };
  for await (const chunk of await lmStudio.generateContentStream(request)) {
    process.stdout.write(chunk.candidates?.[0]?.content?.parts?.map((part) => part.text ?? '').join('') ?? '');
  }
  process.stdout.write('\n');

  const answer = await lmStudio.generateContent({ ...request, config: { ...request.config, responseMimeType: 'application/json' } });
  console.log(`JSON mode: ${answer.candidates?.[0]?.content?.parts?.[0]?.text}`);
} catch (error) {
  if (!SamusError.is(error)) throw error;
  console.error(`${error.code}: ${error.message}\n  hint: ${error.hint}`);
  process.exit(1);
}
