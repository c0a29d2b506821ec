import { performance } from 'node:perf_hooks';
import { modelForDownload } from './download-jobs';
import { v1ErrorBody } from './error-bodies';
import { ModelLoadError } from './model-catalogue';
import { bodyObject, type RequestContext } from './request-context';

// [inferred] HTTP statuses of /api/v1 errors: api-facts says they are not documented (only 401 observed). The mock uses
// 400 for invalid requests and 404 for model_not_found / job_not_found.

async function requireString(context: RequestContext, field: string): Promise<string | undefined> {
  if (context.bodyError !== undefined) {
    await context.channel.json(400, v1ErrorBody('invalid_request', `Invalid JSON in request body: ${context.bodyError}`));
    return undefined;
  }
  const value = bodyObject(context)[field];
  if (typeof value === 'string' && value !== '') return value;
  await context.channel.json(400, v1ErrorBody('invalid_request', `'${field}' is required`, { code: 'missing_required_parameter', param: field }));
  return undefined;
}

/** `POST /api/v1/models/load` (blocking, waits the load delay; `echo_load_config` adds `load_config`). */
export async function handleV1Load(context: RequestContext): Promise<void> {
  const id = await requireString(context, 'model');
  if (id === undefined) return;
  const body = bodyObject(context);
  const { catalogue } = context.state;
  const found = catalogue.find(id);
  if (!found) {
    await context.channel.json(404, v1ErrorBody('model_not_found', `Model "${id}" not found`, { param: 'model' }));
    return;
  }
  const contextLength = typeof body.context_length === 'number' ? body.context_length : undefined;
  const started = performance.now();
  let model;
  try {
    model = await catalogue.load(found.id, { jit: false, ...(contextLength === undefined ? {} : { contextLength }) });
  } catch (error) {
    if (!(error instanceof ModelLoadError)) throw error;
    // [inferred] status 500 and type internal_error for a failed load.
    await context.channel.json(500, v1ErrorBody('internal_error', error.message));
    return;
  }
  const embedding = model.type === 'embeddings';
  const response: Record<string, unknown> = {
    type: embedding ? 'embedding' : 'llm',
    instance_id: model.id,
    load_time_seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    status: 'loaded',
  };
  if (body.echo_load_config === true) {
    response.load_config = embedding
      ? { context_length: model.loadedContextLength }
      : {
          context_length: model.loadedContextLength,
          eval_batch_size: typeof body.eval_batch_size === 'number' ? body.eval_batch_size : 512,
          flash_attention: typeof body.flash_attention === 'boolean' ? body.flash_attention : true,
          offload_kv_cache_to_gpu: typeof body.offload_kv_cache_to_gpu === 'boolean' ? body.offload_kv_cache_to_gpu : true,
        };
  }
  await context.channel.json(200, response);
}

/** `POST /api/v1/models/unload` `{instance_id}` → `{instance_id}`. */
export async function handleV1Unload(context: RequestContext): Promise<void> {
  const instanceId = await requireString(context, 'instance_id');
  if (instanceId === undefined) return;
  if (!context.state.catalogue.unload(instanceId)) {
    await context.channel.json(404, v1ErrorBody('model_not_found', `No loaded model instance with id "${instanceId}"`, { param: 'instance_id' }));
    return;
  }
  await context.channel.json(200, { instance_id: instanceId });
}

/** `POST /api/v1/models/download`: `already_downloaded` for catalogue models, else a job whose progress advances. */
export async function handleV1Download(context: RequestContext): Promise<void> {
  const requested = await requireString(context, 'model');
  if (requested === undefined) return;
  const { catalogue, downloads, downloadableModels } = context.state;
  const model = modelForDownload(requested, downloadableModels);
  if (catalogue.find(requested) || catalogue.find(model.id)) {
    await context.channel.json(200, { status: 'already_downloaded' });
    return;
  }
  await context.channel.json(200, downloads.start(model, requested));
}

/** `GET /api/v1/models/download/status/:job_id` (or every job, grouped by status, without an id). */
export async function handleV1DownloadStatus(context: RequestContext, jobId: string | undefined): Promise<void> {
  const { downloads } = context.state;
  if (jobId === undefined) {
    const all = downloads.all();
    await context.channel.json(200, {
      downloading: all.filter((job) => job.status === 'downloading'),
      completed: all.filter((job) => job.status === 'completed'),
      failed: all.filter((job) => job.status === 'failed'),
      paused: all.filter((job) => job.status === 'paused'),
    });
    return;
  }
  const job = downloads.get(jobId);
  if (!job) {
    await context.channel.json(404, v1ErrorBody('job_not_found', `No download job with id "${jobId}"`));
    return;
  }
  await context.channel.json(200, job);
}
