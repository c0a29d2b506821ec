import { errorBody, NO_MODELS_LOADED_MESSAGE, type OpenAIErrorBody } from './error-bodies';
import { ModelLoadError } from './model-catalogue';
import type { MockModelState } from './mock-model';
import { errorShapeFor, type RequestContext } from './request-context';

/** Either the model that answers, or the error response to send. */
export type ResolvedModel =
  | { ok: true; model: MockModelState; requested: string }
  | { ok: false; status: number; body: OpenAIErrorBody };

/**
 * Resolves the `model` of an inference request like LM Studio (api-facts 3.5, 3.6): known + loaded → use it;
 * known + not loaded → JIT load (no headers are sent meanwhile) or, with JIT off, an error; unknown → "Invalid model
 * identifier" (400, 0.3.16+) or "Model not found" (404, older). A missing `model` uses the first loaded model of the
 * wanted kind ([inferred]).
 */
export async function resolveInferenceModel(context: RequestContext, requested: unknown, kind: 'llm' | 'embeddings'): Promise<ResolvedModel> {
  const { catalogue, behaviour } = context.state;
  const fits = (model: MockModelState) => (kind === 'embeddings' ? model.type === 'embeddings' : model.type !== 'embeddings');
  const loaded = catalogue.loaded();
  const noModelsLoaded = (): ResolvedModel => ({
    ok: false,
    status: behaviour.noModelsLoadedStatus,
    body: errorBody(NO_MODELS_LOADED_MESSAGE, errorShapeFor(context, 'version'), { param: 'model', code: null }),
  });

  if (typeof requested !== 'string' || requested === '') {
    const model = loaded.find(fits);
    if (!model) return noModelsLoaded();
    catalogue.touch(model.id);
    return { ok: true, model, requested: model.id };
  }

  const found = catalogue.find(requested);
  const jit = context.state.jit;
  const loadedFitting = loaded.filter(fits);
  if (!found && behaviour.wrongModelUsesOnlyLoaded && loaded.length === 1 && loadedFitting[0]) {
    // api-facts 3.5: 0.3.14 ignored a wrong model name when exactly one model was loaded. [inferred] the response
    // echoes the requested name, as it does for valid identifiers.
    catalogue.touch(loadedFitting[0].id);
    return { ok: true, model: loadedFitting[0], requested };
  }
  const wanted = found && found.state === 'loaded' ? found : undefined;
  if (!wanted && context.state.answerWithLoadedModel && loadedFitting[0]) {
    // Option `answerWithLoadedModel` (api-facts 3.5 quirk, issue #13): the loaded model answers a request for another
    // one, and the response `model` names the model that answered.
    catalogue.touch(loadedFitting[0].id);
    return { ok: true, model: loadedFitting[0], requested: loadedFitting[0].id };
  }
  if (!found || (!jit && found.state !== 'loaded')) {
    if (!jit && loaded.length === 0) return noModelsLoaded();
    // JIT off + another model loaded: [issue] the server only knows loaded models then, so a downloaded-but-unloaded
    // model gets the same "Invalid model identifier" answer as an unknown one, listing the loaded models only.
    const candidates = (jit ? catalogue.list() : loaded).map((model) => model.id);
    if (behaviour.invalidModelIdentifier) {
      const message = `Invalid model identifier "${requested}". Please specify a valid downloaded model (e.g., ${candidates.join(', ')}).`;
      return { ok: false, status: 400, body: errorBody(message, errorShapeFor(context, 'object'), { param: 'model', code: 'model_not_found' }) };
    }
    // [inferred] the "Your models:" list format (api-facts shows it elided).
    const message = `Model "${requested}" not found. Please specify a valid model.\n\nYour models:\n\n${candidates.join('\n')}`;
    return { ok: false, status: 404, body: errorBody(message, errorShapeFor(context, 'object'), { param: 'model', code: 'model_not_found' }) };
  }

  if (!fits(found)) {
    // [inferred] wording and status: api-facts documents no error for using a model of the wrong type.
    const what = kind === 'embeddings' ? 'is not an embedding model' : 'is an embedding model and cannot generate text';
    return { ok: false, status: 400, body: errorBody(`Model "${requested}" ${what}.`, errorShapeFor(context, 'version'), { param: 'model', code: null }) };
  }

  if (found.state !== 'loaded') {
    const ttl = bodyTtl(context);
    try {
      const model = await catalogue.load(found.id, { jit: true, ...(ttl === undefined ? {} : { ttlSec: ttl }) });
      return { ok: true, model, requested };
    } catch (error) {
      // api-facts 3.6: a failed JIT load surfaces as "No models loaded".
      if (error instanceof ModelLoadError) return noModelsLoaded();
      throw error;
    }
  }
  catalogue.touch(found.id);
  return { ok: true, model: found, requested };
}

function bodyTtl(context: RequestContext): number | undefined {
  const body = context.body;
  if (body === null || typeof body !== 'object' || !('ttl' in body)) return undefined;
  return typeof body.ttl === 'number' && body.ttl > 0 ? body.ttl : undefined;
}
