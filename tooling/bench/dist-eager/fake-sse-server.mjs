import { createServer } from "node:http";
// src/fake-sse-server.ts
/** Tokens of the fake stream: each is 4 characters, so N chunks carry 4·N characters. */
const TOKENS = [
	"The ",
	"cat ",
	"sat ",
	"on a",
	" mat",
	" and",
	" was",
	" fed"
];
const TOKEN_CHARS = 4;
const MAX_CHUNKS = 1e6;
const BATCH_BYTES = 65536;
function render(model, n) {
	const base = {
		id: "chatcmpl-fake",
		object: "chat.completion.chunk",
		created: 17e8,
		model,
		system_fingerprint: "fp_fake"
	};
	const events = [];
	for (let i = 0; i < n; i++) {
		const delta = i === 0 ? {
			role: "assistant",
			content: TOKENS[i % TOKENS.length]
		} : { content: TOKENS[i % TOKENS.length] };
		events.push(Buffer.from(`data: ${JSON.stringify({
			...base,
			choices: [{
				index: 0,
				delta,
				logprobs: null,
				finish_reason: null
			}]
		})}\n\n`));
	}
	events.push(Buffer.from(`data: ${JSON.stringify({
		...base,
		choices: [{
			index: 0,
			delta: {},
			logprobs: null,
			finish_reason: "stop"
		}],
		usage: {
			prompt_tokens: 8,
			completion_tokens: n,
			total_tokens: 8 + n
		}
	})}\n\n`));
	events.push(Buffer.from("data: [DONE]\n\n"));
	return events;
}
function batch(events) {
	const out = [];
	let group = [];
	let size = 0;
	for (const event of events) {
		group.push(event);
		size += event.length;
		if (size >= BATCH_BYTES) {
			out.push(Buffer.concat(group));
			group = [];
			size = 0;
		}
	}
	if (group.length > 0) out.push(Buffer.concat(group));
	return out;
}
const cache = /* @__PURE__ */ new Map();
async function write(response, buffers, mode) {
	for (const buffer of buffers) {
		if (response.destroyed) return;
		if (!response.write(buffer)) await new Promise((resolve) => response.once("drain", resolve));
		if (mode === "event") await new Promise(setImmediate);
	}
}
/**
* A fake OpenAI-compatible server for benchmarks: `POST /v1/chat/completions` with model `chunks-<N>-<mode>`
* streams N one-token chunks, a finish chunk with usage and `[DONE]`, from pre-rendered buffers.
*/
function createFakeSseServer() {
	return createServer((request, response) => {
		const parts = [];
		request.on("data", (part) => parts.push(part));
		request.on("end", () => {
			if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
				response.writeHead(404, { "content-type": "application/json" });
				response.end("{\"error\":{\"message\":\"not found\"}}");
				return;
			}
			const body = JSON.parse(Buffer.concat(parts).toString("utf8") || "{}");
			const match = /chunks-(\d+)-(batch|event)/.exec(body.model ?? "");
			const n = Math.min(MAX_CHUNKS, Number(match?.[1] ?? 16));
			const mode = match?.[2] ?? "batch";
			const key = `${body.model}|${n}`;
			let payload = cache.get(key);
			if (!payload) {
				const events = render(body.model ?? "", n);
				payload = {
					events,
					batches: batch(events)
				};
				if (cache.size > 16) cache.clear();
				cache.set(key, payload);
			}
			response.writeHead(200, {
				"content-type": "text/event-stream; charset=utf-8",
				"cache-control": "no-cache"
			});
			write(response, mode === "batch" ? payload.batches : payload.events, mode).then(() => response.end());
		});
	});
}
if (process.argv.includes("--serve")) {
	const server = createFakeSseServer();
	server.listen(0, "127.0.0.1", () => {
		process.send?.({ port: server.address().port });
	});
	process.on("disconnect", () => process.exit(0));
	setTimeout(() => process.exit(0), 9e5).unref();
}
export { TOKENS, TOKEN_CHARS, createFakeSseServer };
