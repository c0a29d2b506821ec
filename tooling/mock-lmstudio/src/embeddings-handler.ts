import { embeddingVector } from './embedding-vector';
import { errorBody } from './error-bodies';
import { rejectInvalidJson } from './inference-common';
import { bodyObject, errorShapeFor, type RequestContext } from './request-context';
import { resolveInferenceModel } from './resolve-inference-model';

/**
 * `POST /v1/embeddings` and `POST /api/v0/embeddings` (same shape, api-facts 3.2/3.3): deterministic hashed
 * bag-of-words vectors, `usage` zeros, and `model` reported with the `@<quantization>` variant suffix as in the docs'
 * example (`text-embedding-nomic-embed-text-v1.5@q4_k_m`).
 */
export async function handleEmbeddings(context: RequestContext): Promise<void> {
  if (await rejectInvalidJson(context)) return;
  const body = bodyObject(context);
  const input = body.input;
  const texts =
    typeof input === 'string'
      ? [input]
      : Array.isArray(input)
        ? input.map((item: unknown) => (typeof item === 'string' ? item : Array.isArray(item) ? item.join(' ') : String(item)))
        : undefined;
  if (!texts) {
    // [inferred] wording, modelled on "'messages' field is required".
    await context.channel.json(400, errorBody("'input' field is required", errorShapeFor(context, 'string')));
    return;
  }
  const resolved = await resolveInferenceModel(context, body.model, 'embeddings');
  if (!resolved.ok) {
    await context.channel.json(resolved.status, resolved.body);
    return;
  }
  const { model, requested } = resolved;
  const data = texts.map((text, index) => ({ object: 'embedding', embedding: embeddingVector(text, model.embeddingDimensions), index }));
  const reported = requested.includes('@') ? requested : `${requested}@${model.quantization.toLowerCase()}`;
  await context.channel.json(200, { object: 'list', data, model: reported, usage: { prompt_tokens: 0, total_tokens: 0 } });
}
