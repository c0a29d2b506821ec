import type { FunctionDeclaration, GenerateContentConfig } from '@samus/kernel';
import { generateContentResponseSchema } from '@samus/kernel/schemas';
import { expect, it } from 'vitest';
import { capabilityMissing, collect, describeGroup, functionCalls, responseText } from './contract-helpers.js';
import type { ContractContext } from './provider-contract-options.js';

const getWeather: FunctionDeclaration = {
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  parametersJsonSchema: {
    type: 'object',
    properties: { city: { type: 'string', description: 'The city name, e.g. Paris' } },
    required: ['city'],
  },
};

const prompt = 'What is the weather in Paris right now? Use the get_weather tool.';

/**
 * Function calling: a declared function comes back as a `functionCall` part with its name and an arguments
 * object (whole, also when streamed), and a `functionResponse` turn is accepted.
 */
export function describeToolsContract(ctx: ContractContext): void {
  const model = ctx.options.models.tools;
  const caller = ctx.options.models.toolCaller;
  const skip = capabilityMissing('tools', ctx.options.capabilities.tools) ?? (model === undefined ? 'no tools-capable model given (models.tools)' : undefined);
  const noCaller = caller === undefined ? ' (skipped: no model given that reliably calls a declared function, models.toolCaller)' : '';
  const config = (): GenerateContentConfig => ({
    temperature: 0,
    seed: ctx.seed,
    maxOutputTokens: Math.max(ctx.maxOutputTokens, 48),
    tools: [{ functionDeclarations: [getWeather] }],
  });

  describeGroup('tools', skip, () => {
    it('generateContent(prompt, tools) is accepted and returns one candidate with text or function calls', async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({ model: model!, contents: prompt, config: config() });
      const parsed = generateContentResponseSchema.parse(response);
      expect(parsed.candidates).toHaveLength(1);
      expect(responseText(response).length + functionCalls(response).length).toBeGreaterThan(0);
      for (const call of functionCalls(response)) expect(call.name).toBe('get_weather');
    });

    it.skipIf(caller === undefined)(`generateContent(prompt, tools) returns a functionCall part naming the declared function with object args${noCaller}`, async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({ model: caller!, contents: prompt, config: config() });
      const parsed = generateContentResponseSchema.parse(response);
      const calls = functionCalls(response);
      expect(calls.length, `no function call in ${JSON.stringify(parsed.candidates?.[0]?.content)}`).toBeGreaterThan(0);
      expect(calls[0]!.name).toBe('get_weather');
      expect(typeof calls[0]!.args).toBe('object');
      expect(typeof calls[0]!.args!.city).toBe('string');
      expect(['STOP', 'MAX_TOKENS']).toContain(parsed.candidates![0]!.finishReason);
    });

    it.skipIf(caller === undefined)(`generateContentStream(prompt, tools) yields each functionCall whole, once${noCaller}`, async () => {
      const { generator } = await ctx.provider();
      const chunks = await collect(generator.generateContentStream({ model: caller!, contents: prompt, config: config() }));
      for (const chunk of chunks) generateContentResponseSchema.parse(chunk);
      const calls = chunks.flatMap(functionCalls);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls[0]!.name).toBe('get_weather');
      expect(typeof calls[0]!.args!.city).toBe('string');
      const keys = calls.map((call) => JSON.stringify([call.name, call.args]));
      expect(new Set(keys).size, 'no call is repeated').toBe(keys.length);
    });

    it('generateContent(history with functionCall and functionResponse) answers the tool result', async () => {
      const { generator } = await ctx.provider();
      const response = await generator.generateContent({
        model: model!,
        contents: [
          { role: 'user', parts: [{ text: prompt }] },
          { role: 'model', parts: [{ functionCall: { id: 'call_1', name: 'get_weather', args: { city: 'Paris' } } }] },
          { role: 'user', parts: [{ functionResponse: { id: 'call_1', name: 'get_weather', response: { forecast: 'sunny, 21 °C' } } }] },
        ],
        config: config(),
      });
      const parsed = generateContentResponseSchema.parse(response);
      expect(parsed.candidates).toHaveLength(1);
      expect(responseText(response).length + functionCalls(response).length).toBeGreaterThan(0);
    });
  });
}
