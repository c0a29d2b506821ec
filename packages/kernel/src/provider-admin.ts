import type { ModelInfo, ProviderHealth, PullProgress } from './response-schemas.js';

/** Options every admin call takes. */
export interface AdminCallOptions {
  signal?: AbortSignal;
}

/** Options of {@link ProviderAdmin.pull}. */
export interface AdminPullOptions extends AdminCallOptions {
  /** Called for every progress report, in the common {@link PullProgress} shape for every server. */
  onProgress?: (progress: PullProgress) => void;
}

/** How a pull ended. */
export interface AdminPullResult {
  /** The server's final status: `success` (Ollama), `completed` or `already_downloaded` (LM Studio), … */
  status: string;
  /** Size of the model when the server said. */
  totalBytes?: number;
}

/** Options of {@link ProviderAdmin.load}. */
export interface AdminLoadOptions extends AdminCallOptions {
  /** Context length to load with, in tokens. */
  contextLength?: number;
  /** How long the server keeps the model loaded (a duration such as `"10m"` or seconds), where it supports one. */
  keepAlive?: string | number;
}

/**
 * The admin surface of one server, created by a plugin (`kernel.createAdmin(authType, options)`). `listModels` and
 * `health` every server has; the other methods are present exactly when the plugin's capabilities say so. Every
 * failure is a coded `SamusError` (`health` never throws).
 */
export interface ProviderAdmin {
  /** Every model the server has, normalised (see the kernel's `modelInfoSchema`). */
  listModels(options?: AdminCallOptions): Promise<ModelInfo[]>;
  /** Liveness and version; never throws (failures are described in `error`). */
  health(options?: AdminCallOptions): Promise<ProviderHealth>;
  /** Downloads a model onto the server, reporting progress in the common shape. */
  pull?(model: string, options?: AdminPullOptions): Promise<AdminPullResult>;
  /** Loads a model into memory; resolves when it is loaded (with what the server told, e.g. LM Studio's instance id). */
  load?(model: string, options?: AdminLoadOptions): Promise<unknown>;
  /** Unloads a model from memory (a model that is not loaded is not an error); resolves when done. */
  unload?(model: string, options?: AdminCallOptions): Promise<unknown>;
  /** Removes a downloaded model from the server. */
  delete?(model: string, options?: AdminCallOptions): Promise<void>;
  /** The models loaded now. */
  ps?(options?: AdminCallOptions): Promise<ModelInfo[]>;
}
