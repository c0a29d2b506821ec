import { describe, expect, it } from 'vitest';
import { declaredToolsOf, TextToolCallRecovery, type DeclaredTool, type RecoveredSegment } from './text-tool-call-recovery.js';

const TOOLS: DeclaredTool[] = [
  { name: 'get_weather', parameterTypes: { city: 'string', days: 'integer' } },
  { name: 'write_file', parameterTypes: { file_path: 'string', content: 'string' } },
];

/** Feeds `text` in pieces cut at `cuts` (or every character) and returns text and calls. */
function run(text: string, cuts?: number[], tools = TOOLS): { text: string; calls: Array<{ name: string; args: Record<string, unknown> }> } {
  const recovery = new TextToolCallRecovery(tools);
  const pieces: string[] = [];
  const points = cuts ?? Array.from({ length: text.length }, (_, index) => index + 1);
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  const out: RecoveredSegment[] = [];
  for (const piece of pieces) out.push(...recovery.push(piece));
  out.push(...recovery.flush());
  return {
    text: out.map((segment) => segment.text ?? '').join(''),
    calls: out.flatMap((segment) => (segment.functionCall ? [{ name: segment.functionCall.name, args: segment.functionCall.args }] : [])),
  };
}

/** Every way of cutting `text` into two pieces, plus one character at a time, plus whole. */
function everySplit(text: string): Array<number[] | undefined> {
  return [[], undefined, ...Array.from({ length: text.length - 1 }, (_, index) => [index + 1])];
}

describe('TextToolCallRecovery', () => {
  // Hermes / Qwen2.5 chat templates (tool calls LM Studio's and Ollama's parsers miss for some GGUFs; reported in
  // LM Studio's bug tracker and opencode's issues about "tool call printed as text").
  it('recovers Hermes <tool_call> JSON, wherever the stream is split', () => {
    const text = 'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
    for (const cuts of everySplit(text)) {
      expect(run(text, cuts)).toEqual({ text: 'Let me check.', calls: [{ name: 'get_weather', args: { city: 'Paris' } }] });
    }
  });

  it('recovers a <tool_call> block whose closing tag never came (end of generation)', () => {
    expect(run('<tool_call>{"name":"get_weather","arguments":{"city":"Oslo"}}', [])).toEqual({ text: '', calls: [{ name: 'get_weather', args: { city: 'Oslo' } }] });
  });

  // Qwen3-Coder's XML tool format (its chat template; vLLM/llama.cpp parsers that expect JSON miss it).
  it('recovers Qwen3-Coder <function=…><parameter=…> calls, typing values by the declared schema', () => {
    const text = '<tool_call>\n<function=get_weather>\n<parameter=city>\n42 Street\n</parameter>\n<parameter=days>\n3\n</parameter>\n</function>\n</tool_call>';
    for (const cuts of everySplit(text)) {
      expect(run(text, cuts)).toEqual({ text: '', calls: [{ name: 'get_weather', args: { city: '42 Street', days: 3 } }] });
    }
    expect(run('<function=write_file><parameter=file_path>/tmp/a</parameter><parameter=content>x</parameter></function> done')).toEqual({
      text: 'done',
      calls: [{ name: 'write_file', args: { file_path: '/tmp/a', content: 'x' } }],
    });
  });

  // Mistral's [TOOL_CALLS] token leaking into content (Mistral Nemo / Small GGUFs without a matching parser).
  it('recovers Mistral [TOOL_CALLS] arrays and the name[ARGS]{…} form', () => {
    const text = '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Rome"}}, {"name":"get_weather","arguments":{"city":"Bern"}}]';
    for (const cuts of everySplit(text)) {
      expect(run(text, cuts).calls).toEqual([
        { name: 'get_weather', args: { city: 'Rome' } },
        { name: 'get_weather', args: { city: 'Bern' } },
      ]);
    }
    expect(run('[TOOL_CALLS]get_weather[ARGS]{"city":"Lima"}')).toEqual({ text: '', calls: [{ name: 'get_weather', args: { city: 'Lima' } }] });
  });

  // gpt-oss Harmony markup surfacing in content when the server does not parse it.
  it('recovers Harmony commentary calls', () => {
    const text = '<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"city":"Tokyo"}<|call|>';
    for (const cuts of everySplit(text)) {
      expect(run(text, cuts)).toEqual({ text: '', calls: [{ name: 'get_weather', args: { city: 'Tokyo' } }] });
    }
  });

  // Small models (SmolLM2, Gemma 3 270M) answering with the bare call object.
  it('recovers an answer that is only a JSON call of a declared tool (arguments or parameters)', () => {
    const text = ' {"name": "get_weather", "parameters": {"city": "Paris"}}';
    for (const cuts of everySplit(text)) expect(run(text, cuts)).toEqual({ text: '', calls: [{ name: 'get_weather', args: { city: 'Paris' } }] });
    expect(run('{"name":"get_weather","arguments":"{\\"city\\":\\"Nice\\"}"}').calls).toEqual([{ name: 'get_weather', args: { city: 'Nice' } }]);
  });

  it('leaves false positives as text: undeclared names, JSON answers, markup in prose, broken JSON', () => {
    const cases = [
      '<tool_call>{"name":"rm_rf","arguments":{}}</tool_call>',
      '{"name":"Ada","age":36}',
      '{"name":"get_weather","arguments":{"city":"Paris"}} is what a call looks like',
      'Write `[TOOL_CALLS]` and `<function=x>` in docs.',
      '<tool_call>{"name":"get_weather","arguments":{"city":</tool_call>',
      'a < b and c [d] {e}',
      '<|channel|>final<|message|>Hello<|end|>',
    ];
    for (const text of cases) {
      for (const cuts of [[], undefined]) expect(run(text, cuts)).toEqual({ text, calls: [] });
    }
  });

  it('holds back only a possible marker prefix', () => {
    const recovery = new TextToolCallRecovery(TOOLS);
    expect(recovery.push('Hello <tool')).toEqual([{ text: 'Hello' }]);
    expect(recovery.push('s are fun')).toEqual([{ text: ' <tools are fun' }]);
    expect(recovery.flush()).toEqual([]);
  });

  it('reads declared tools from an OpenAI tools list', () => {
    expect(declaredToolsOf([{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } } }, null, { type: 'function' }])).toEqual([
      { name: 'f', parameterTypes: { a: 'string' } },
    ]);
    expect(declaredToolsOf(undefined)).toBeUndefined();
    expect(declaredToolsOf([])).toBeUndefined();
  });
});
