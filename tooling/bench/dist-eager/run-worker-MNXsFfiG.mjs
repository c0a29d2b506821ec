import "./fake-sse-server.mjs";
import diagnosticsChannel from "node:diagnostics_channel";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, BadRequestError, ConflictError, InternalServerError, NotFoundError, PermissionDeniedError, RateLimitError, UnprocessableEntityError } from "openai";
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/util.js
function getEnumValues(entries) {
	const numericValues = Object.values(entries).filter((v) => typeof v === "number");
	return Object.entries(entries).filter(([k, _]) => numericValues.indexOf(+k) === -1).map(([_, v]) => v);
}
function joinValues(array, separator = "|") {
	return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
	if (typeof value === "bigint") return value.toString();
	return value;
}
var Cached = class {
	constructor(getter) {
		this._getter = getter;
		this._value = void 0;
	}
	get value() {
		const getter = this._getter;
		if (getter !== void 0) {
			this._value = getter();
			this._getter = void 0;
		}
		return this._value;
	}
};
function cached(getter) {
	return new Cached(getter);
}
function nullish(input) {
	return input === null || input === void 0;
}
function cleanRegex(source) {
	const start = source.startsWith("^") ? 1 : 0;
	const end = source.endsWith("$") ? source.length - 1 : source.length;
	return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
	const ratio = val / step;
	const roundedRatio = Math.round(ratio);
	const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
	if (Math.abs(ratio - roundedRatio) < tolerance) return 0;
	return ratio - roundedRatio;
}
function assignProp(target, prop, value) {
	Object.defineProperty(target, prop, {
		value,
		writable: true,
		enumerable: true,
		configurable: true
	});
}
/**
* Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
*
* Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
*/
function rawShape(def) {
	const desc = Object.getOwnPropertyDescriptor(def, "shape");
	return desc?.get ? desc.get.raw : desc?.value;
}
function sourceShape(schema) {
	return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
function deferProp(target, key, getter) {
	Object.defineProperty(target, key, {
		get() {
			const value = getter();
			assignProp(this, key, value);
			return value;
		},
		enumerable: true,
		configurable: true
	});
}
function putProp(target, key, value) {
	if (key in target) assignProp(target, key, value);
	else target[key] = value;
}
/**
* Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
*
* A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
*/
function mirrorShape(target, source, keys, wrap) {
	const raw = sourceShape(source);
	for (const key of keys) {
		const desc = Object.getOwnPropertyDescriptor(raw, key);
		if (!desc.enumerable) continue;
		if (desc.get) deferProp(target, key, () => {
			const value = source._zod.def.shape[key];
			return wrap ? wrap(value, key) : value;
		});
		else putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
	}
}
function mirrorProps(target, source) {
	for (const key of Reflect.ownKeys(source)) {
		const desc = Object.getOwnPropertyDescriptor(source, key);
		if (!desc.enumerable) continue;
		if (desc.get) deferProp(target, key, () => source[key]);
		else putProp(target, key, desc.value);
	}
}
function mergeDefs(...defs) {
	const mergedDescriptors = {};
	for (const def of defs) {
		const descriptors = Object.getOwnPropertyDescriptors(def);
		Object.assign(mergedDescriptors, descriptors);
	}
	return Object.defineProperties({}, mergedDescriptors);
}
function esc(str) {
	return JSON.stringify(str);
}
function slugify(input) {
	return input.toLowerCase().trim().replace(/[^\w\s-]/g, "").replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "");
}
const captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {};
function isObject(data) {
	return typeof data === "object" && data !== null && !Array.isArray(data);
}
const allowsEval = /* @__PURE__*/ cached(() => {
	if (globalConfig.jitless) return false;
	if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) return false;
	try {
		new Function("");
		return true;
	} catch (_) {
		return false;
	}
});
function isPlainObject(o) {
	if (isObject(o) === false) return false;
	const ctor = o.constructor;
	if (ctor === void 0) return true;
	if (typeof ctor !== "function") return true;
	const prot = ctor.prototype;
	if (isObject(prot) === false) return false;
	if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) return false;
	return true;
}
function shallowClone(o) {
	if (isPlainObject(o)) return { ...o };
	if (Array.isArray(o)) return [...o];
	if (o instanceof Map) return new Map(o);
	if (o instanceof Set) return new Set(o);
	return o;
}
const propertyKeyTypes = /* @__PURE__*/ new Set([
	"string",
	"number",
	"symbol"
]);
function escapeRegex(str) {
	return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function clone(inst, def, params) {
	const cl = new inst._zod.constr(def ?? inst._zod.def);
	if (!def || params?.parent) cl._zod.parent = inst;
	return cl;
}
function normalizeParams(_params) {
	const params = _params;
	if (!params) return {};
	if (typeof params === "string") return { error: () => params };
	if (params?.message !== void 0) {
		if (params?.error !== void 0) throw new Error("Cannot specify both `message` and `error` params");
		params.error = params.message;
	}
	delete params.message;
	if (typeof params.error === "string") return {
		...params,
		error: () => params.error
	};
	return params;
}
function stringifyPrimitive(value) {
	if (typeof value === "bigint") return value.toString() + "n";
	if (typeof value === "string") return `"${value}"`;
	return `${value}`;
}
function optionalKeys(shape) {
	return Object.keys(shape).filter((k) => {
		return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
	});
}
const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
	safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
	int32: [-2147483648, 2147483647],
	uint32: [0, 4294967295],
	float32: [-34028234663852886e22, 34028234663852886e22],
	float64: [-Number.MAX_VALUE, Number.MAX_VALUE]
}))();
const BIGINT_FORMAT_RANGES = {
	int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
	uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")]
};
function pick$1(schema, mask) {
	const currDef = schema._zod.def;
	const checks = currDef.checks;
	if (checks && checks.length > 0) throw new Error(".pick() cannot be used on object schemas containing refinements");
	const newShape = {};
	mirrorShape(newShape, schema, maskedKeys(schema, mask));
	return clone(schema, mergeDefs(currDef, {
		shape: newShape,
		checks: []
	}));
}
function maskedKeys(schema, mask) {
	const raw = sourceShape(schema);
	const keys = [];
	for (const key of Reflect.ownKeys(mask)) {
		if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) throw new Error(`Unrecognized key: "${String(key)}"`);
		if (mask[key]) keys.push(key);
	}
	return keys;
}
function omit(schema, mask) {
	const currDef = schema._zod.def;
	const checks = currDef.checks;
	if (checks && checks.length > 0) throw new Error(".omit() cannot be used on object schemas containing refinements");
	const omitted = new Set(maskedKeys(schema, mask));
	const newShape = {};
	mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
	return clone(schema, mergeDefs(currDef, {
		shape: newShape,
		checks: []
	}));
}
function extend(schema, shape) {
	if (!isPlainObject(shape)) throw new Error("Invalid input to extend: expected a plain object");
	const checks = schema._zod.def.checks;
	if (checks && checks.length > 0) {
		const existingShape = sourceShape(schema);
		for (const key of Reflect.ownKeys(shape)) if (Object.getOwnPropertyDescriptor(existingShape, key) !== void 0) throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
	}
	return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function extended(schema, shape) {
	const newShape = {};
	mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
	mirrorProps(newShape, shape);
	return newShape;
}
function safeExtend(schema, shape) {
	if (!isPlainObject(shape)) throw new Error("Invalid input to safeExtend: expected a plain object");
	return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge(a, b) {
	if (!b?._zod?.def) throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
	if (a._zod.def.checks?.length) throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
	const newShape = {};
	mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
	mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
	return clone(a, mergeDefs(a._zod.def, {
		shape: newShape,
		get catchall() {
			return b._zod.def.catchall;
		},
		checks: b._zod.def.checks ?? []
	}));
}
function partial(Class, schema, mask, name = "partial") {
	const checks = schema._zod.def.checks;
	if (checks && checks.length > 0) throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
	const selected = mask ? new Set(maskedKeys(schema, mask)) : void 0;
	const newShape = {};
	mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class && ((value, key) => selected && !selected.has(key) ? value : new Class({
		type: "optional",
		innerType: value
	})));
	return clone(schema, mergeDefs(schema._zod.def, {
		shape: newShape,
		checks: []
	}));
}
function required(Class, schema, mask) {
	const selected = mask ? new Set(maskedKeys(schema, mask)) : void 0;
	const newShape = {};
	mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => selected && !selected.has(key) ? value : new Class({
		type: "nonoptional",
		innerType: value
	}));
	return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
function aborted(x, startIndex = 0) {
	if (x.aborted === true) return true;
	for (let i = startIndex; i < x.issues.length; i++) if (x.issues[i]?.continue !== true) return true;
	return false;
}
function explicitlyAborted(x, startIndex = 0) {
	if (x.aborted === true) return true;
	for (let i = startIndex; i < x.issues.length; i++) if (x.issues[i]?.continue === false) return true;
	return false;
}
function prefixIssues(path, issues) {
	return issues.map((iss) => {
		var _a;
		(_a = iss).path ?? (_a.path = []);
		iss.path.unshift(path);
		return iss;
	});
}
function unwrapMessage(message) {
	return typeof message === "string" ? message : message?.message;
}
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
	const caps = [];
	for (const ch of defChecks ?? []) {
		const d = ch._zod.def;
		if (!/_(length|size)$|_equals$/.test(d.check)) break;
		const max = d.maximum ?? d.length ?? d.size;
		if (max >= 0) caps.push([max, ch]);
	}
	return caps;
}
function attachSchema(issues, start, inst) {
	var _a;
	for (let i = start; i < issues.length; i++) (_a = issues[i]).schema ?? (_a.schema = inst);
}
function finalizeIssue(iss, ctx, config) {
	var _a;
	const traits = iss.inst?._zod?.traits;
	if (traits?.has("$ZodType")) {
		if (traits.has("$ZodCheck")) (_a = iss).schema ?? (_a.schema = iss.inst);
		else iss.schema = iss.inst;
	}
	const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
	const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config.customError?.(iss)) ?? unwrapMessage(config.localeError?.(iss)) ?? "Invalid input";
	const full = {};
	for (const k of Object.keys(iss)) {
		if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__") continue;
		full[k] = iss[k];
	}
	full.path ?? (full.path = []);
	full.message = message;
	if (ctx?.reportInput) full.input = iss.input;
	return full;
}
const highSurrogate = /[\uD800-\uDBFF]/;
function codePointLength(str) {
	const units = str.length;
	if (!highSurrogate.test(str)) return units;
	let count = units;
	for (let i = 0; i < units - 1; i++) if ((str.charCodeAt(i) & 64512) === 55296 && (str.charCodeAt(i + 1) & 64512) === 56320) {
		count--;
		i++;
	}
	return count;
}
function getLengthableOrigin(input) {
	if (Array.isArray(input)) return "array";
	if (typeof input === "string") return "string";
	return "unknown";
}
function parsedType(data) {
	const t = typeof data;
	switch (t) {
		case "number": return Number.isNaN(data) ? "nan" : "number";
		case "object": {
			if (data === null) return "null";
			if (Array.isArray(data)) return "array";
			const obj = data;
			if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) return obj.constructor.name;
		}
	}
	return t;
}
function issue(...args) {
	const [iss, input, inst] = args;
	if (typeof iss === "string") return {
		message: iss,
		code: "custom",
		input,
		inst
	};
	return { ...iss };
}
/**
* Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
*
* Call this from a `proto` initializer, which runs once per prototype — never per instance.
*/
function members(proto, table) {
	for (const key in table) {
		const desc = Object.getOwnPropertyDescriptor(table, key);
		if (desc.get) Object.defineProperty(proto, key, {
			...desc,
			enumerable: false
		});
		else defineBound(proto, key, desc.value);
	}
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
	Object.defineProperty(inst, key, {
		configurable: true,
		writable: true,
		enumerable,
		value
	});
	return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
	return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
/* @__NO_SIDE_EFFECTS__ */
function derived(computes, table) {
	for (const key in computes) {
		const compute = computes[key];
		Object.defineProperty(table, key, {
			configurable: true,
			enumerable: true,
			get() {
				return own(this, key, compute(this));
			},
			set(value) {
				own(this, key, value);
			}
		});
	}
	return table;
}
function defineBound(proto, key, fn) {
	Object.defineProperty(proto, key, {
		configurable: true,
		get() {
			return this == null ? fn : own(this, key, fn.bind(this));
		},
		set(value) {
			own(this, key, value);
		}
	});
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
	const proto = Object.getPrototypeOf(inst);
	return sentinel in proto ? void 0 : proto;
}
let installing;
let broke = false;
const breaker = {
	configurable: true,
	get() {
		broke = true;
	}
};
/**
* Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
* constructor, computed from the internals object itself and cached there on
* first read. One accessor per constructor rather than one per instance.
*/
function defineLazyInternal(inst, key, compute) {
	const proto = Object.getPrototypeOf(inst._zod);
	if (key in proto && installing !== inst._zod) {
		installing = void 0;
		return;
	}
	installing = inst._zod;
	Object.defineProperty(proto, key, {
		configurable: true,
		get() {
			Object.defineProperty(this, key, breaker);
			const outer = broke;
			broke = false;
			try {
				const value = compute(this);
				if (broke) delete this[key];
				else Object.defineProperty(this, key, {
					configurable: true,
					writable: true,
					value
				});
				broke = broke || outer;
				return value;
			} catch (err) {
				delete this[key];
				broke = broke || outer;
				throw err;
			}
		},
		set(value) {
			Object.defineProperty(this, key, {
				configurable: true,
				writable: true,
				value
			});
		}
	});
}
/**
* Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
* data property. One accessor per constructor rather than one per instance, because an own accessor
* puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
*/
function installLazyProp(inst, key, make, enumerable) {
	const proto = claim(inst, key);
	if (!proto) return;
	Object.defineProperty(proto, key, {
		configurable: true,
		get() {
			const desc = {
				configurable: true,
				writable: true,
				enumerable,
				value: void 0
			};
			Object.defineProperty(this, key, desc);
			desc.value = make(this);
			Object.defineProperty(this, key, desc);
			return desc.value;
		},
		set(value) {
			Object.defineProperty(this, key, {
				configurable: true,
				writable: true,
				enumerable,
				value
			});
		}
	});
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
	const fn = () => value;
	fn[CONSTANT_CATCH] = true;
	return fn;
}
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js
var _a$1;
const _zodDesc = {
	value: void 0,
	enumerable: false
};
let _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
	const E = _E;
	if (E) {
		const saved = E.stackTraceLimit;
		if (typeof saved === "number") {
			try {
				E.stackTraceLimit = 0;
			} catch {
				_E = null;
				return new Definition();
			}
			try {
				return new Definition();
			} finally {
				E.stackTraceLimit = saved;
			}
		}
	}
	return new Definition();
}
/* @__NO_SIDE_EFFECTS__ */
function $constructor(name, initializer, proto, params) {
	const zodProto = {};
	function Internals(def) {
		this.def = def;
		this.constr = _;
		this.traits = /* @__PURE__ */ new Set();
	}
	Internals.prototype = zodProto;
	const protoMembers = proto;
	const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
	function init(inst, def) {
		if (!inst._zod) {
			_zodDesc.value = new Internals(def);
			try {
				Object.defineProperty(inst, "_zod", _zodDesc);
			} finally {
				_zodDesc.value = void 0;
			}
		} else if (inst._zod.traits.has(name)) return;
		inst._zod.traits.add(name);
		initializer(inst, def);
		if (initialized) {
			const own = Object.getPrototypeOf(inst);
			const ctorProto = inst._zod.constr.prototype;
			let up = own;
			while (up && up !== ctorProto) up = Object.getPrototypeOf(up);
			const target = up ?? own;
			if (!initialized.has(target)) {
				initialized.add(target);
				members(target, protoMembers);
			}
		}
		const proto = _.prototype;
		for (const k in proto) {
			if (!Object.prototype.hasOwnProperty.call(proto, k)) continue;
			if (!(k in inst)) inst[k] = proto[k].bind(inst);
		}
	}
	const Parent = params?.Parent ?? Object;
	class Definition extends Parent {}
	Object.defineProperty(Definition, "name", { value: name });
	function _(def) {
		const inst = params?.Parent ? newError(Definition) : this;
		init(inst, def);
		const deferred = inst._zod.deferred;
		if (deferred) {
			for (const fn of deferred) fn();
			inst._zod.deferred = void 0;
		}
		const pp = globalThis.__zod_globalConfig?.postProcessor;
		if (pp) pp(inst);
		return inst;
	}
	Object.defineProperty(_, "init", { value: init });
	Object.defineProperty(_, Symbol.hasInstance, { value: (inst) => {
		if (params?.Parent && inst instanceof params.Parent) return true;
		return inst?._zod?.traits?.has(name);
	} });
	Object.defineProperty(_, "name", { value: name });
	return _;
}
var $ZodAsyncError = class extends Error {
	constructor() {
		super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
	}
};
var $ZodEncodeError = class extends Error {
	constructor(name) {
		super(`Encountered unidirectional transform during encode: ${name}`);
		this.name = "ZodEncodeError";
	}
};
(_a$1 = globalThis).__zod_globalConfig ?? (_a$1.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
	if (newConfig) Object.assign(globalConfig, newConfig);
	return globalConfig;
}
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/errors.js
function _getMessage() {
	const internals = this._zod;
	internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
	return internals.message;
}
function _setMessage(value) {
	this._zod.message = value;
}
const _messageDesc = {
	get: _getMessage,
	set: _setMessage,
	enumerable: true,
	configurable: true
};
const _issuesDesc = {
	value: void 0,
	enumerable: false
};
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer$1 = (inst, def) => {
	inst.name = "$ZodError";
	_issuesDesc.value = def;
	Object.defineProperty(inst, "issues", _issuesDesc);
	_issuesDesc.value = void 0;
	Object.defineProperty(inst, "message", _messageDesc);
	const proto = Object.getPrototypeOf(inst);
	if (!_installedToString.has(proto)) {
		_installedToString.add(proto);
		Object.defineProperty(proto, "toString", {
			configurable: true,
			enumerable: false,
			get() {
				const value = () => this.message;
				Object.defineProperty(this, "toString", {
					value,
					configurable: true,
					writable: true
				});
				return value;
			},
			set(value) {
				Object.defineProperty(this, "toString", {
					value,
					configurable: true,
					writable: true
				});
			}
		});
	}
};
const $ZodError = /* @__PURE__ */ $constructor("$ZodError", initializer$1);
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
* ("toString", "constructor") would otherwise read through to the prototype, and assigning
* "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
	if (!Object.prototype.hasOwnProperty.call(obj, key)) {
		if (key === "__proto__") Object.defineProperty(obj, key, {
			value: make(),
			writable: true,
			enumerable: true,
			configurable: true
		});
		else obj[key] = make();
	}
	return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
	const fieldErrors = {};
	const formErrors = [];
	for (const sub of error.issues) if (sub.path.length > 0) node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
	else formErrors.push(mapper(sub));
	return {
		formErrors,
		fieldErrors
	};
}
function formatError(error, mapper = (issue) => issue.message) {
	const fieldErrors = { _errors: [] };
	const processError = (error, path = []) => {
		for (const issue of error.issues) if (issue.code === "invalid_union" && issue.errors.length) issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
		else if (issue.code === "invalid_key") processError({ issues: issue.issues }, [...path, ...issue.path]);
		else if (issue.code === "invalid_element") processError({ issues: issue.issues }, [...path, ...issue.path]);
		else {
			const fullpath = [...path, ...issue.path];
			if (fullpath.length === 0) fieldErrors._errors.push(mapper(issue));
			else {
				let curr = fieldErrors;
				let i = 0;
				while (i < fullpath.length) {
					const el = fullpath[i];
					const terminal = i === fullpath.length - 1;
					if (el === "_errors") {
						if (terminal) curr._errors.push(mapper(issue));
						i++;
						continue;
					}
					if (!Object.prototype.hasOwnProperty.call(curr, el)) Object.defineProperty(curr, el, {
						value: { _errors: [] },
						enumerable: true,
						writable: true,
						configurable: true
					});
					const node = curr[el];
					if (terminal) node._errors.push(mapper(issue));
					curr = node;
					i++;
				}
			}
		}
	};
	processError(error);
	return fieldErrors;
}
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/parse.js
function finalizeParams(callee, params) {
	return {
		callee: params?.callee ?? callee,
		Err: params?.Err
	};
}
const _parse = (_Err) => {
	const fn = (schema, value, _ctx, _params) => {
		const ctx = _ctx ? {
			..._ctx,
			async: false
		} : { async: false };
		const result = schema._zod.run({
			value,
			issues: []
		}, ctx);
		if (result instanceof Promise) throw new $ZodAsyncError();
		if (result.issues.length) {
			const e = new ((_params?.Err) ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
			captureStackTrace(e, _params?.callee ?? fn);
			throw e;
		}
		return result.value;
	};
	return fn;
};
const _parseAsync = (_Err) => {
	const fn = async (schema, value, _ctx, params) => {
		const ctx = _ctx ? {
			..._ctx,
			async: true
		} : { async: true };
		let result = schema._zod.run({
			value,
			issues: []
		}, ctx);
		if (result instanceof Promise) result = await result;
		if (result.issues.length) {
			const e = new ((params?.Err) ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
			captureStackTrace(e, params?.callee ?? fn);
			throw e;
		}
		return result.value;
	};
	return fn;
};
const _safeParse = (_Err) => (schema, value, _ctx) => {
	const ctx = _ctx ? {
		..._ctx,
		async: false
	} : { async: false };
	const result = schema._zod.run({
		value,
		issues: []
	}, ctx);
	if (result instanceof Promise) throw new $ZodAsyncError();
	return result.issues.length ? failure(_Err, result.issues, ctx) : {
		success: true,
		data: result.value
	};
};
function failure(Err, issues, ctx) {
	let error;
	return {
		success: false,
		get error() {
			if (!error) {
				error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
				issues = void 0;
				ctx = void 0;
			}
			return error;
		},
		set error(e) {
			error = e;
			issues = void 0;
			ctx = void 0;
		}
	};
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
	const ctx = _ctx ? {
		..._ctx,
		async: true
	} : { async: true };
	let result = schema._zod.run({
		value,
		issues: []
	}, ctx);
	if (result instanceof Promise) result = await result;
	return result.issues.length ? failure(_Err, result.issues, ctx) : {
		success: true,
		data: result.value
	};
};
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
const validate = ((schema, value, _ctx) => {
	const validator = schema._zod.bag.validator;
	if (validator !== void 0) {
		if (validator(value) !== COMPILE_INVALID) return true;
		if (validator.definite === true && _ctx === void 0) return false;
	}
	return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
	const ctx = _ctx ? {
		..._ctx,
		async: false,
		abortEarly: true
	} : {
		async: false,
		abortEarly: true
	};
	const fallbackRun = schema._zod.bag.fallbackRun;
	let result;
	if (fallbackRun) {
		ctx[COMPILE_FALLBACK] = true;
		result = fallbackRun({
			value,
			issues: []
		}, ctx);
	} else result = schema._zod.run({
		value,
		issues: []
	}, ctx);
	if (result instanceof Promise) throw new $ZodAsyncError();
	return result.issues.length === 0;
}
const validateAsync$1 = async (schema, value, _ctx) => {
	const ctx = _ctx ? {
		..._ctx,
		async: true,
		abortEarly: true
	} : {
		async: true,
		abortEarly: true
	};
	let result = schema._zod.run({
		value,
		issues: []
	}, ctx);
	if (result instanceof Promise) result = await result;
	return result.issues.length === 0;
};
const _encode = (_Err) => {
	const parse = _parse(_Err);
	const fn = (schema, value, _ctx, _params) => {
		const ctx = _ctx ? {
			..._ctx,
			direction: "backward"
		} : { direction: "backward" };
		return parse(schema, value, ctx, finalizeParams(fn, _params));
	};
	return fn;
};
const _decode = (_Err) => {
	const parse = _parse(_Err);
	const fn = (schema, value, _ctx, _params) => {
		return parse(schema, value, _ctx, finalizeParams(fn, _params));
	};
	return fn;
};
const _encodeAsync = (_Err) => {
	const parseAsync = _parseAsync(_Err);
	const fn = async (schema, value, _ctx, _params) => {
		const ctx = _ctx ? {
			..._ctx,
			direction: "backward"
		} : { direction: "backward" };
		return await parseAsync(schema, value, ctx, finalizeParams(fn, _params));
	};
	return fn;
};
const _decodeAsync = (_Err) => {
	const parseAsync = _parseAsync(_Err);
	const fn = async (schema, value, _ctx, _params) => {
		return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
	};
	return fn;
};
const _safeEncode = (_Err) => (schema, value, _ctx) => {
	const ctx = _ctx ? {
		..._ctx,
		direction: "backward"
	} : { direction: "backward" };
	return _safeParse(_Err)(schema, value, ctx);
};
const _safeDecode = (_Err) => (schema, value, _ctx) => {
	return _safeParse(_Err)(schema, value, _ctx);
};
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
	const ctx = _ctx ? {
		..._ctx,
		direction: "backward"
	} : { direction: "backward" };
	return _safeParseAsync(_Err)(schema, value, ctx);
};
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
	return _safeParseAsync(_Err)(schema, value, _ctx);
};
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/regexes.js
/**
* @deprecated CUID v1 is deprecated by its authors due to information leakage
* (timestamps embedded in the id). Use {@link cuid2} instead.
* See https://github.com/paralleldrive/cuid.
*/
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
	return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
*
* @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
	if (!version) return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
	return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
const _emoji$1 = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
	return new RegExp(_emoji$1, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
const httpProtocol = /^https?$/;
const e164 = /^\+[1-9]\d{6,14}$/;
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;
/** Anchors a pattern source. The interpolation lives here rather than at the call site because
* esbuild will not drop a `@__PURE__` call whose own argument interpolates a variable, but it
* will drop `anchor(dateSource)`. Keeping it inline pinned `date` into every bundle. */
function anchor(source) {
	return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ anchor(dateSource);
function timeSource(args) {
	const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
	return typeof args.precision === "number" ? args.precision === -1 ? `${hhmm}` : args.precision === 0 ? `${hhmm}:[0-5]\\d` : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}` : args.seconds ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?` : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
}
function time(args) {
	return new RegExp(`^${timeSource(args)}$`);
}
function datetime(args) {
	const opts = ["Z"];
	if (args.offset) opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
	const qualified = `${timeSource({
		precision: args.precision,
		seconds: true
	})}(?:${opts.join("|")})`;
	const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
	return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
const anyString = /^[\s\S]{0,}$/;
const integer = /^-?\d+$/;
const number$1 = /^-?\d+(?:\.\d+)?$/;
const boolean$1 = /^(?:true|false)$/i;
const lowercase = /^[^A-Z]*$/;
const uppercase = /^[^a-z]*$/;
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/checks.js
const $ZodCheck = /*@__PURE__*/ $constructor("$ZodCheck", (inst, def) => {
	var _a;
	inst._zod ?? (inst._zod = {});
	inst._zod.def = def;
	(_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
	const val = payload.value;
	return !nullish(val) && val.length !== void 0;
};
const numericOriginMap = {
	number: "number",
	bigint: "bigint",
	object: "date"
};
const $ZodCheckLessThan = /*@__PURE__*/ $constructor("$ZodCheckLessThan", (inst, def) => {
	$ZodCheck.init(inst, def);
	const origin = numericOriginMap[typeof def.value];
	inst._zod.check = (payload) => {
		if (def.inclusive ? payload.value <= def.value : payload.value < def.value) return;
		payload.issues.push({
			origin: numericOriginMap[typeof payload.value] ?? origin,
			code: "too_big",
			maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
			input: payload.value,
			inclusive: def.inclusive,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckGreaterThan = /*@__PURE__*/ $constructor("$ZodCheckGreaterThan", (inst, def) => {
	$ZodCheck.init(inst, def);
	const origin = numericOriginMap[typeof def.value];
	inst._zod.check = (payload) => {
		if (def.inclusive ? payload.value >= def.value : payload.value > def.value) return;
		payload.issues.push({
			origin: numericOriginMap[typeof payload.value] ?? origin,
			code: "too_small",
			minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
			input: payload.value,
			inclusive: def.inclusive,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckMultipleOf = /*@__PURE__*/ $constructor("$ZodCheckMultipleOf", (inst, def) => {
	$ZodCheck.init(inst, def);
	inst._zod.check = (payload) => {
		if (typeof payload.value !== typeof def.value) throw new Error("Cannot mix number and bigint in multiple_of check.");
		if (typeof payload.value === "bigint" ? def.value !== BigInt(0) && payload.value % def.value === BigInt(0) : floatSafeRemainder(payload.value, def.value) === 0) return;
		payload.issues.push({
			origin: typeof payload.value,
			code: "not_multiple_of",
			divisor: def.value,
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckNumberFormat = /*@__PURE__*/ $constructor("$ZodCheckNumberFormat", (inst, def) => {
	$ZodCheck.init(inst, def);
	def.format = def.format || "float64";
	const isInt = def.format?.includes("int");
	const origin = isInt ? "int" : "number";
	const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
	inst._zod.check = (payload) => {
		const input = payload.value;
		if (isInt) {
			if (!Number.isInteger(input)) {
				payload.issues.push({
					expected: origin,
					format: def.format,
					code: "invalid_type",
					continue: false,
					input,
					inst
				});
				return;
			}
			if (!Number.isSafeInteger(input)) {
				if (input > 0) payload.issues.push({
					input,
					code: "too_big",
					maximum: Number.MAX_SAFE_INTEGER,
					note: "Integers must be within the safe integer range.",
					inst,
					origin,
					inclusive: true,
					continue: !def.abort
				});
				else payload.issues.push({
					input,
					code: "too_small",
					minimum: Number.MIN_SAFE_INTEGER,
					note: "Integers must be within the safe integer range.",
					inst,
					origin,
					inclusive: true,
					continue: !def.abort
				});
				return;
			}
		}
		if (input < minimum) payload.issues.push({
			origin: "number",
			input,
			code: "too_small",
			minimum,
			inclusive: true,
			inst,
			continue: !def.abort
		});
		if (input > maximum) payload.issues.push({
			origin: "number",
			input,
			code: "too_big",
			maximum,
			inclusive: true,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckMaxLength = /*@__PURE__*/ $constructor("$ZodCheckMaxLength", (inst, def) => {
	var _a;
	$ZodCheck.init(inst, def);
	(_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
	inst._zod.check = (payload) => {
		const input = payload.value;
		const units = input.length;
		if ((typeof input === "string" && units > def.maximum ? codePointLength(input) : units) <= def.maximum) return;
		const origin = getLengthableOrigin(input);
		payload.issues.push({
			origin,
			code: "too_big",
			maximum: def.maximum,
			inclusive: true,
			input,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckMinLength = /*@__PURE__*/ $constructor("$ZodCheckMinLength", (inst, def) => {
	var _a;
	$ZodCheck.init(inst, def);
	(_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
	inst._zod.check = (payload) => {
		const input = payload.value;
		const units = input.length;
		if ((typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units) >= def.minimum) return;
		const origin = getLengthableOrigin(input);
		payload.issues.push({
			origin,
			code: "too_small",
			minimum: def.minimum,
			inclusive: true,
			input,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckLengthEquals = /*@__PURE__*/ $constructor("$ZodCheckLengthEquals", (inst, def) => {
	var _a;
	$ZodCheck.init(inst, def);
	(_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
	inst._zod.check = (payload) => {
		const input = payload.value;
		const units = input.length;
		const length = typeof input === "string" && units >= def.length && units <= def.length * 2 ? codePointLength(input) : units;
		if (length === def.length) return;
		const origin = getLengthableOrigin(input);
		const tooBig = length > def.length;
		payload.issues.push({
			origin,
			...tooBig ? {
				code: "too_big",
				maximum: def.length
			} : {
				code: "too_small",
				minimum: def.length
			},
			inclusive: true,
			exact: true,
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckStringFormat = /*@__PURE__*/ $constructor("$ZodCheckStringFormat", (inst, def) => {
	var _a, _b;
	$ZodCheck.init(inst, def);
	if (def.pattern) (_a = inst._zod).check ?? (_a.check = (payload) => {
		def.pattern.lastIndex = 0;
		if (def.pattern.test(payload.value)) return;
		payload.issues.push({
			origin: "string",
			code: "invalid_format",
			format: def.format,
			input: payload.value,
			...def.pattern ? { pattern: def.pattern.toString() } : {},
			inst,
			continue: !def.abort
		});
	});
	else (_b = inst._zod).check ?? (_b.check = () => {});
});
const $ZodCheckRegex = /*@__PURE__*/ $constructor("$ZodCheckRegex", (inst, def) => {
	$ZodCheckStringFormat.init(inst, def);
	inst._zod.check = (payload) => {
		def.pattern.lastIndex = 0;
		if (def.pattern.test(payload.value)) return;
		payload.issues.push({
			origin: "string",
			code: "invalid_format",
			format: "regex",
			input: payload.value,
			pattern: def.pattern.toString(),
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckLowerCase = /*@__PURE__*/ $constructor("$ZodCheckLowerCase", (inst, def) => {
	def.pattern ?? (def.pattern = lowercase);
	$ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ $constructor("$ZodCheckUpperCase", (inst, def) => {
	def.pattern ?? (def.pattern = uppercase);
	$ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ $constructor("$ZodCheckIncludes", (inst, def) => {
	$ZodCheck.init(inst, def);
	const escapedRegex = escapeRegex(def.includes);
	def.pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
	inst._zod.check = (payload) => {
		if (payload.value.includes(def.includes, def.position)) return;
		payload.issues.push({
			origin: "string",
			code: "invalid_format",
			format: "includes",
			includes: def.includes,
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckStartsWith = /*@__PURE__*/ $constructor("$ZodCheckStartsWith", (inst, def) => {
	$ZodCheck.init(inst, def);
	const pattern = new RegExp(`^${escapeRegex(def.prefix)}.*`);
	def.pattern ?? (def.pattern = pattern);
	inst._zod.check = (payload) => {
		if (payload.value.startsWith(def.prefix)) return;
		payload.issues.push({
			origin: "string",
			code: "invalid_format",
			format: "starts_with",
			prefix: def.prefix,
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckEndsWith = /*@__PURE__*/ $constructor("$ZodCheckEndsWith", (inst, def) => {
	$ZodCheck.init(inst, def);
	const pattern = new RegExp(`.*${escapeRegex(def.suffix)}$`);
	def.pattern ?? (def.pattern = pattern);
	inst._zod.check = (payload) => {
		if (payload.value.endsWith(def.suffix)) return;
		payload.issues.push({
			origin: "string",
			code: "invalid_format",
			format: "ends_with",
			suffix: def.suffix,
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCheckOverwrite = /*@__PURE__*/ $constructor("$ZodCheckOverwrite", (inst, def) => {
	$ZodCheck.init(inst, def);
	inst._zod.check = (payload) => {
		payload.value = def.tx(payload.value);
	};
});
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/doc.js
var Doc = class {
	constructor(args = [], closed = {}) {
		this.content = [];
		this.indent = 0;
		this.args = args;
		this.closed = closed;
	}
	indented(fn) {
		this.indent += 1;
		try {
			fn(this);
		} finally {
			this.indent -= 1;
		}
	}
	write(arg) {
		if (typeof arg === "function") {
			arg(this, { execution: "sync" });
			arg(this, { execution: "async" });
			return;
		}
		const lines = arg.split("\n").filter((x) => x);
		const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
		const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
		for (const line of dedented) this.content.push(line);
	}
	compile() {
		const F = Function;
		const content = this?.content ?? [``];
		return new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`)(...Object.values(this.closed));
	}
};
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/versions.js
const version = {
	major: 4,
	minor: 6,
	patch: 7
};
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/schemas.js
const $ZodType = /*@__PURE__*/ $constructor("$ZodType", (inst, def) => {
	var _a;
	inst ?? (inst = {});
	inst._zod.def = def;
	inst._zod.bag = inst._zod.bag || {};
	inst._zod.version = version;
	const defChecks = inst._zod.def.checks;
	const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
	for (const ch of checks) for (const fn of ch._zod.onattach) fn(inst);
	if (checks.length === 0) {
		(_a = inst._zod).deferred ?? (_a.deferred = []);
		inst._zod.deferred?.push(() => {
			inst._zod.run = inst._zod.parse;
		});
	} else {
		const runChecks = (payload, checks, ctx) => {
			if (payload.memo) return payload;
			let isAborted = aborted(payload);
			let asyncResult;
			for (const ch of checks) {
				if (ch._zod.def.when) {
					if (explicitlyAborted(payload)) continue;
					if (!ch._zod.def.when(payload)) continue;
				} else if (isAborted) continue;
				const currLen = payload.issues.length;
				const _ = ch._zod.check(payload);
				if (_ instanceof Promise && ctx?.async === false) throw new $ZodAsyncError();
				if (asyncResult || _ instanceof Promise) asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
					await _;
					if (payload.issues.length === currLen) return;
					attachSchema(payload.issues, currLen, inst);
					if (!isAborted) isAborted = aborted(payload, currLen);
				});
				else {
					if (payload.issues.length === currLen) continue;
					attachSchema(payload.issues, currLen, inst);
					if (!isAborted) isAborted = aborted(payload, currLen);
				}
			}
			if (asyncResult) return asyncResult.then(() => {
				return payload;
			});
			return payload;
		};
		const handleCanaryResult = (canary, payload, ctx) => {
			if (aborted(canary)) {
				canary.aborted = true;
				return canary;
			}
			const checkResult = runChecks(payload, checks, ctx);
			if (checkResult instanceof Promise) {
				if (ctx.async === false) throw new $ZodAsyncError();
				return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
			}
			return inst._zod.parse(checkResult, ctx);
		};
		inst._zod.run = (payload, ctx) => {
			if (ctx.skipChecks) return inst._zod.parse(payload, ctx);
			if (ctx.direction === "backward") {
				const canary = inst._zod.parse({
					value: payload.value,
					issues: []
				}, {
					...ctx,
					skipChecks: true
				});
				if (canary instanceof Promise) return canary.then((canary) => {
					return handleCanaryResult(canary, payload, ctx);
				});
				return handleCanaryResult(canary, payload, ctx);
			}
			const result = inst._zod.parse(payload, ctx);
			if (result instanceof Promise) {
				if (ctx.async === false) throw new $ZodAsyncError();
				return result.then((result) => runChecks(result, checks, ctx));
			}
			return runChecks(result, checks, ctx);
		};
	}
}, {
	get "~standard"() {
		return hide(this, "~standard", standardProps(this));
	},
	set "~standard"(value) {
		own(this, "~standard", value);
	}
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
	const ctx = { async: true };
	return toStandardResult(await inst._zod.run({
		value,
		issues: []
	}, ctx), ctx);
}
function standardProps(inst) {
	return {
		validate: (value) => {
			const ctx = { async: false };
			try {
				const r = inst._zod.run({
					value,
					issues: []
				}, ctx);
				if (!(r instanceof Promise)) return toStandardResult(r, ctx);
			} catch (_) {}
			return validateAsync(inst, value);
		},
		vendor: "zod",
		version: 1
	};
}
const $ZodString = /*@__PURE__*/ $constructor("$ZodString", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.pattern = def.pattern ?? anyString;
	inst._zod.parse = (payload, _) => {
		if (def.coerce) try {
			payload.value = String(payload.value);
		} catch (_) {}
		if (typeof payload.value === "string") return payload;
		payload.issues.push({
			expected: "string",
			code: "invalid_type",
			input: payload.value,
			inst
		});
		return payload;
	};
});
const $ZodStringFormat = /*@__PURE__*/ $constructor("$ZodStringFormat", (inst, def) => {
	$ZodCheckStringFormat.init(inst, def);
	$ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ $constructor("$ZodGUID", (inst, def) => {
	def.pattern ?? (def.pattern = guid);
	$ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ $constructor("$ZodUUID", (inst, def) => {
	if (def.version) {
		const v = {
			v1: 1,
			v2: 2,
			v3: 3,
			v4: 4,
			v5: 5,
			v6: 6,
			v7: 7,
			v8: 8
		}[def.version];
		if (v === void 0) throw new Error(`Invalid UUID version: "${def.version}"`);
		def.pattern ?? (def.pattern = uuid(v));
	} else def.pattern ?? (def.pattern = uuid());
	$ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ $constructor("$ZodEmail", (inst, def) => {
	def.pattern ?? (def.pattern = email);
	$ZodStringFormat.init(inst, def);
});
function canParseURL(input) {
	try {
		if (typeof URL !== "undefined" && typeof URL.canParse === "function") return URL.canParse(input);
		new URL(input);
		return true;
	} catch {
		return false;
	}
}
function validateURL(trimmed, def) {
	if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) return canParseURL(trimmed) || 2;
	return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
	if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) return 1;
	try {
		if (typeof URL !== "undefined") {
			const URLStatic = URL;
			if (typeof URLStatic.parse === "function") return URLStatic.parse(trimmed) ?? 2;
		}
		return new URL(trimmed);
	} catch {
		return 2;
	}
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
	return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
	hostname.lastIndex = 0;
	return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
	protocol.lastIndex = 0;
	return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ $constructor("$ZodURL", (inst, def) => {
	$ZodStringFormat.init(inst, def);
	inst._zod.check = (payload) => {
		try {
			const trimmed = payload.value.trim();
			const url = validateURL(trimmed, def);
			if (url === 1) {
				payload.issues.push({
					code: "invalid_format",
					format: "url",
					note: "Invalid URL format",
					input: payload.value,
					inst,
					continue: !def.abort
				});
				return;
			}
			if (url === 2) {
				payload.issues.push({
					code: "invalid_format",
					format: "url",
					input: payload.value,
					inst,
					continue: !def.abort
				});
				return;
			}
			if (url === true) {
				payload.value = stripTabAndNewline(trimmed);
				return;
			}
			if (def.hostname && !urlHostnameOk(url, def.hostname)) payload.issues.push({
				code: "invalid_format",
				format: "url",
				note: "Invalid hostname",
				pattern: def.hostname.source,
				input: payload.value,
				inst,
				continue: !def.abort
			});
			if (def.protocol && !urlProtocolOk(url, def.protocol)) payload.issues.push({
				code: "invalid_format",
				format: "url",
				note: "Invalid protocol",
				pattern: def.protocol.source,
				input: payload.value,
				inst,
				continue: !def.abort
			});
			payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
			return;
		} catch (_) {
			payload.issues.push({
				code: "invalid_format",
				format: "url",
				input: payload.value,
				inst,
				continue: !def.abort
			});
		}
	};
});
const $ZodEmoji = /*@__PURE__*/ $constructor("$ZodEmoji", (inst, def) => {
	def.pattern ?? (def.pattern = emoji());
	$ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ $constructor("$ZodNanoID", (inst, def) => {
	if (def.length !== void 0 && (!Number.isInteger(def.length) || def.length < 1)) throw new Error(`Invalid nanoid length: ${def.length}`);
	def.pattern ?? (def.pattern = def.length === void 0 ? nanoid : nanoidOfLength(def.length));
	$ZodStringFormat.init(inst, def);
});
/**
* @deprecated CUID v1 is deprecated by its authors due to information leakage
* (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
* See https://github.com/paralleldrive/cuid.
*/
const $ZodCUID = /*@__PURE__*/ $constructor("$ZodCUID", (inst, def) => {
	def.pattern ?? (def.pattern = cuid);
	$ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ $constructor("$ZodCUID2", (inst, def) => {
	def.pattern ?? (def.pattern = cuid2);
	$ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ $constructor("$ZodULID", (inst, def) => {
	def.pattern ?? (def.pattern = ulid);
	$ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ $constructor("$ZodXID", (inst, def) => {
	def.pattern ?? (def.pattern = xid);
	$ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ $constructor("$ZodKSUID", (inst, def) => {
	def.pattern ?? (def.pattern = ksuid);
	$ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ $constructor("$ZodISODateTime", (inst, def) => {
	def.pattern ?? (def.pattern = datetime(def));
	$ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ $constructor("$ZodISODate", (inst, def) => {
	def.pattern ?? (def.pattern = date);
	$ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ $constructor("$ZodISOTime", (inst, def) => {
	def.pattern ?? (def.pattern = time(def));
	$ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ $constructor("$ZodISODuration", (inst, def) => {
	def.pattern ?? (def.pattern = duration);
	$ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ $constructor("$ZodIPv4", (inst, def) => {
	def.pattern ?? (def.pattern = ipv4);
	$ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
	if (!ipv6Alphabet.test(value)) return false;
	return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ $constructor("$ZodIPv6", (inst, def) => {
	def.pattern ?? (def.pattern = ipv6);
	$ZodStringFormat.init(inst, def);
	inst._zod.check = (payload) => {
		if (!isValidIPv6(payload.value)) payload.issues.push({
			code: "invalid_format",
			format: "ipv6",
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodCIDRv4 = /*@__PURE__*/ $constructor("$ZodCIDRv4", (inst, def) => {
	def.pattern ?? (def.pattern = cidrv4);
	$ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
	const parts = value.split("/");
	if (parts.length !== 2) return false;
	const [address, prefix] = parts;
	if (!prefix) return false;
	const prefixNum = Number(prefix);
	if (`${prefixNum}` !== prefix) return false;
	if (prefixNum < 0 || prefixNum > 128) return false;
	return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ $constructor("$ZodCIDRv6", (inst, def) => {
	def.pattern ?? (def.pattern = cidrv6);
	$ZodStringFormat.init(inst, def);
	inst._zod.check = (payload) => {
		if (!isValidCIDRv6(payload.value)) payload.issues.push({
			code: "invalid_format",
			format: "cidrv6",
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
function isValidBase64(data) {
	if (data === "") return true;
	if (/\s/.test(data)) return false;
	if (data.length % 4 !== 0) return false;
	try {
		atob(data);
		return true;
	} catch {
		return false;
	}
}
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ $constructor("$ZodBase64", (inst, def) => {
	def.pattern ?? (def.pattern = base64Charset);
	$ZodStringFormat.init(inst, def);
	inst._zod.check = (payload) => {
		if (isValidBase64(payload.value)) return;
		payload.issues.push({
			code: "invalid_format",
			format: "base64",
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
	if (!base64urlCharset.test(data)) return false;
	const base64 = data.replace(/[-_]/g, (c) => c === "-" ? "+" : "/");
	return isValidBase64(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
}
const $ZodBase64URL = /*@__PURE__*/ $constructor("$ZodBase64URL", (inst, def) => {
	def.pattern ?? (def.pattern = base64urlCharset);
	$ZodStringFormat.init(inst, def);
	inst._zod.check = (payload) => {
		if (isValidBase64URL(payload.value)) return;
		payload.issues.push({
			code: "invalid_format",
			format: "base64url",
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodE164 = /*@__PURE__*/ $constructor("$ZodE164", (inst, def) => {
	def.pattern ?? (def.pattern = e164);
	$ZodStringFormat.init(inst, def);
});
function isValidJWT(token, algorithm = null) {
	try {
		const tokensParts = token.split(".");
		if (tokensParts.length !== 3) return false;
		const [header] = tokensParts;
		if (!header) return false;
		const parsedHeader = JSON.parse(atob(header));
		if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT") return false;
		if (!parsedHeader.alg) return false;
		if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm)) return false;
		return true;
	} catch {
		return false;
	}
}
const $ZodJWT = /*@__PURE__*/ $constructor("$ZodJWT", (inst, def) => {
	$ZodStringFormat.init(inst, def);
	inst._zod.check = (payload) => {
		if (isValidJWT(payload.value, def.alg)) return;
		payload.issues.push({
			code: "invalid_format",
			format: "jwt",
			input: payload.value,
			inst,
			continue: !def.abort
		});
	};
});
const $ZodNumber = /*@__PURE__*/ $constructor("$ZodNumber", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.pattern = number$1;
	inst._zod.parse = (payload, _ctx) => {
		if (def.coerce) try {
			payload.value = Number(payload.value);
		} catch (_) {}
		const input = payload.value;
		if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) return payload;
		const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
		payload.issues.push({
			expected: "number",
			code: "invalid_type",
			input,
			inst,
			...received ? { received } : {}
		});
		return payload;
	};
});
const $ZodNumberFormat = /*@__PURE__*/ $constructor("$ZodNumberFormat", (inst, def) => {
	$ZodCheckNumberFormat.init(inst, def);
	$ZodNumber.init(inst, def);
});
const $ZodBoolean = /*@__PURE__*/ $constructor("$ZodBoolean", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.pattern = boolean$1;
	inst._zod.parse = (payload, _ctx) => {
		if (def.coerce) try {
			payload.value = Boolean(payload.value);
		} catch (_) {}
		const input = payload.value;
		if (typeof input === "boolean") return payload;
		payload.issues.push({
			expected: "boolean",
			code: "invalid_type",
			input,
			inst
		});
		return payload;
	};
});
const $ZodUnknown = /*@__PURE__*/ $constructor("$ZodUnknown", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ $constructor("$ZodNever", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.parse = (payload, _ctx) => {
		payload.issues.push({
			expected: "never",
			code: "invalid_type",
			input: payload.value,
			inst
		});
		return payload;
	};
});
function capSize(inst, size) {
	const caps = sizeCaps(inst._zod.def.checks);
	if (!caps.length) return;
	const cap = Math.min(...caps.map((c) => c[0]));
	const parse = inst._zod.parse;
	inst._zod.parse = (payload, ctx) => {
		const n = size(payload.value);
		if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
			for (const [max, ch] of sizeCaps(inst._zod.def.checks)) if (n > max && ch._zod.def.when(payload)) {
				const start = payload.issues.length;
				ch._zod.check(payload);
				payload.issues[start].continue = false;
				attachSchema(payload.issues, start, inst);
				return payload;
			}
		}
		return parse(payload, ctx);
	};
}
const arraySize = (input) => Array.isArray(input) ? input.length : -1;
function handleArrayResult(result, final, index) {
	if (result.issues.length) final.issues.push(...prefixIssues(index, result.issues));
	final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ $constructor("$ZodArray", (inst, def) => {
	$ZodType.init(inst, def);
	const memo = globalConfig.memoizer;
	memo?.attach(inst);
	inst._zod.parse = (payload, ctx) => {
		const input = payload.value;
		if (!Array.isArray(input)) {
			payload.issues.push({
				expected: "array",
				code: "invalid_type",
				input,
				inst
			});
			return payload;
		}
		payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
		const proms = [];
		const abortEarly = ctx?.abortEarly;
		for (let i = 0; i < input.length; i++) {
			const item = input[i];
			const result = def.element._zod.run({
				value: item,
				issues: []
			}, ctx);
			if (result instanceof Promise) proms.push(result.then((result) => handleArrayResult(result, payload, i)));
			else {
				handleArrayResult(result, payload, i);
				if (abortEarly && result.issues.length !== 0 && aborted(result)) break;
			}
		}
		if (proms.length) return Promise.all(proms).then(() => payload);
		return payload;
	};
	capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
	const isPresent = key in input;
	const isOptionalOut = optout === "optional";
	if (!isPresent && isOptionalOut && optin === "optional") return;
	if (result.issues.length) {
		if (optin !== void 0 && isOptionalOut && !isPresent) return;
		final.issues.push(...prefixIssues(key, result.issues));
	}
	if (!isPresent && optin === void 0) {
		if (!result.issues.length) final.issues.push({
			code: "invalid_type",
			expected: "nonoptional",
			input: void 0,
			path: [key]
		});
		return;
	}
	if (result.value === void 0) {
		if (isPresent || optin === "defaulted" && !isOptionalOut) final.value[key] = void 0;
	} else final.value[key] = result.value;
}
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
	const keys = Object.keys(def.shape);
	const ownSymbols = Object.getOwnPropertySymbols(def.shape);
	const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
	const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
	for (const k of allKeys) if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
	const okeys = optionalKeys(def.shape);
	return {
		...def,
		allKeys,
		symbolKeys,
		keySet: new Set(keys),
		numKeys: keys.length,
		optionalKeys: new Set(okeys)
	};
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
	const unrecognized = [];
	const keySet = def.keySet;
	const _catchall = def.catchall._zod;
	const t = _catchall.def.type;
	const optin = _catchall.optin;
	const optout = _catchall.optout;
	let seen = 0;
	for (const key in input) {
		if (abortEarly && payload.issues.length !== seen) {
			if (aborted(payload, seen)) break;
			seen = payload.issues.length;
		}
		if (keySet.has(key)) continue;
		if (key === "__proto__") {
			if (t === "never") unrecognized.push(key);
			continue;
		}
		if (t === "never") {
			unrecognized.push(key);
			continue;
		}
		const r = _catchall.run({
			value: input[key],
			issues: []
		}, ctx);
		if (r instanceof Promise) proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
		else handlePropertyResult(r, payload, key, input, optin, optout);
	}
	if (unrecognized.length) payload.issues.push({
		code: "unrecognized_keys",
		keys: unrecognized,
		input,
		inst,
		continue: true
	});
	if (!proms.length) return payload;
	return Promise.all(proms).then(() => {
		return payload;
	});
}
const $ZodObject = /*@__PURE__*/ $constructor("$ZodObject", (inst, def) => {
	$ZodType.init(inst, def);
	const desc = Object.getOwnPropertyDescriptor(def, "shape");
	const sh = desc?.get ? desc.get.raw : def.shape ?? {};
	if (sh) {
		const get = () => {
			const newSh = { ...sh };
			Object.defineProperty(def, "shape", { value: newSh });
			get.raw = newSh;
			return newSh;
		};
		get.raw = sh;
		Object.defineProperty(def, "shape", { get });
	}
	const _normalized = cached(() => normalizeDef(def));
	defineLazyInternal(inst, "propValues", (zod) => {
		const shape = zod.def.shape;
		const propValues = {};
		for (const key in shape) {
			const field = shape[key]._zod;
			if (field.values) {
				if (!Object.prototype.hasOwnProperty.call(propValues, key)) assignProp(propValues, key, /* @__PURE__ */ new Set());
				for (const v of field.values) propValues[key].add(v);
				if (field.optin !== void 0) propValues[key].add(void 0);
			}
		}
		return propValues;
	});
	const isObject$1 = isObject;
	const catchall = def.catchall;
	let value;
	const memo = globalConfig.memoizer;
	memo?.attach(inst);
	inst._zod.parse = (payload, ctx) => {
		value ?? (value = _normalized.value);
		const input = payload.value;
		if (!isObject$1(input)) {
			payload.issues.push({
				expected: "object",
				code: "invalid_type",
				input,
				inst
			});
			return payload;
		}
		payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
		const proms = [];
		const shape = value.shape;
		const abortEarly = ctx?.abortEarly;
		let seen = payload.issues.length;
		for (const key of value.allKeys) {
			if (abortEarly && payload.issues.length !== seen) {
				if (aborted(payload, seen)) break;
				seen = payload.issues.length;
			}
			if (key === "__proto__") continue;
			const el = shape[key];
			const optin = el._zod.optin;
			const optout = el._zod.optout;
			const r = el._zod.run({
				value: input[key],
				issues: []
			}, ctx);
			if (r instanceof Promise) proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
			else handlePropertyResult(r, payload, key, input, optin, optout);
		}
		if (!catchall) return proms.length ? Promise.all(proms).then(() => payload) : payload;
		return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
	};
});
const $ZodObjectJIT = /*@__PURE__*/ $constructor("$ZodObjectJIT", (inst, def) => {
	$ZodObject.init(inst, def);
	const superParse = inst._zod.parse;
	const _normalized = cached(() => normalizeDef(def));
	const memo = globalConfig.memoizer;
	const generateFastpass = (shape) => {
		const normalized = _normalized.value;
		const syms = normalized.symbolKeys;
		const doc = new Doc(["payload", "ctx"], {
			shape,
			inst,
			memo,
			syms
		});
		const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
		const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
		doc.write(`const input = payload.value;`);
		const ids = Object.create(null);
		let counter = 0;
		for (const key of normalized.allKeys) ids[key] = `key_${counter++}`;
		doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
		for (const key of normalized.allKeys) {
			if (key === "__proto__") continue;
			const id = ids[key];
			const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : esc(key);
			const isPresent = `${k} in input`;
			const schema = shape[key];
			const optin = schema?._zod?.optin;
			const isOptionalIn = optin !== void 0;
			const isOptionalOut = schema?._zod?.optout === "optional";
			doc.write(`const ${id} = ${parseStr(k)};`);
			if (isOptionalIn && isOptionalOut) {
				const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
				doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
			} else if (!isOptionalIn) doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
			else {
				doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
				if (optin === "defaulted") doc.write(`newResult[${k}] = ${id}.value;`);
				else doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
			}
		}
		doc.write(`payload.value = newResult;`);
		doc.write(`return payload;`);
		return doc.compile();
	};
	let fastpass;
	const isObject$2 = isObject;
	const jit = !globalConfig.jitless;
	const fastEnabled = jit && allowsEval.value;
	const catchall = def.catchall;
	let value;
	inst._zod.parse = (payload, ctx) => {
		value ?? (value = _normalized.value);
		const input = payload.value;
		if (!isObject$2(input)) {
			payload.issues.push({
				expected: "object",
				code: "invalid_type",
				input,
				inst
			});
			return payload;
		}
		if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
			if (!fastpass) fastpass = generateFastpass(def.shape);
			payload = fastpass(payload, ctx);
			if (!catchall) return payload;
			return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
		}
		return superParse(payload, ctx);
	};
});
function handleUnionResults(results, final, inst, ctx) {
	for (const result of results) if (result.issues.length === 0) {
		final.value = result.value;
		return final;
	}
	const nonaborted = results.filter((r) => !aborted(r));
	if (nonaborted.length === 1) {
		final.value = nonaborted[0].value;
		return nonaborted[0];
	}
	final.issues.push({
		code: "invalid_union",
		input: final.value,
		inst,
		errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config())))
	});
	return final;
}
const $ZodUnion = /*@__PURE__*/ $constructor("$ZodUnion", (inst, def) => {
	$ZodType.init(inst, def);
	defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted") ? "defaulted" : zod.def.options.some((o) => o._zod.optin !== void 0) ? "optional" : void 0);
	defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : void 0);
	defineLazyInternal(inst, "values", (zod) => {
		if (zod.def.options.every((o) => o._zod.values)) return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
	});
	defineLazyInternal(inst, "pattern", (zod) => {
		if (zod.def.options.every((o) => o._zod.pattern)) {
			const patterns = zod.def.options.map((o) => o._zod.pattern);
			return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
		}
	});
	const first = def.options.length === 1 ? def.options[0]._zod.run : null;
	inst._zod.parse = (payload, ctx) => {
		if (first) return first(payload, ctx);
		let async = false;
		const results = [];
		for (const option of def.options) {
			const result = option._zod.run({
				value: payload.value,
				issues: []
			}, ctx);
			if (result instanceof Promise) {
				results.push(result);
				async = true;
			} else {
				if (result.issues.length === 0) return result;
				results.push(result);
			}
		}
		if (!async) return handleUnionResults(results, payload, inst, ctx);
		return Promise.all(results).then((results) => {
			return handleUnionResults(results, payload, inst, ctx);
		});
	};
});
const $ZodIntersection = /*@__PURE__*/ $constructor("$ZodIntersection", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.parse = (payload, ctx) => {
		const input = payload.value;
		const left = def.left._zod.run({
			value: input,
			issues: []
		}, ctx);
		const right = def.right._zod.run({
			value: input,
			issues: []
		}, ctx);
		if (left instanceof Promise || right instanceof Promise) return Promise.all([left, right]).then(([left, right]) => {
			return handleIntersectionResults(payload, left, right);
		});
		return handleIntersectionResults(payload, left, right);
	};
});
function mergeValues(a, b) {
	if (a === b) return {
		valid: true,
		data: a
	};
	if (a instanceof Date && b instanceof Date && +a === +b) return {
		valid: true,
		data: a
	};
	if (isPlainObject(a) && isPlainObject(b)) {
		const bKeys = Object.keys(b);
		const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
		const newObj = {
			...a,
			...b
		};
		if (Object.prototype.hasOwnProperty.call(newObj, "__proto__")) delete newObj.__proto__;
		for (const key of sharedKeys) {
			if (key === "__proto__") continue;
			const sharedValue = mergeValues(a[key], b[key]);
			if (!sharedValue.valid) return {
				valid: false,
				mergeErrorPath: [key, ...sharedValue.mergeErrorPath]
			};
			newObj[key] = sharedValue.data;
		}
		return {
			valid: true,
			data: newObj
		};
	}
	if (Array.isArray(a) && Array.isArray(b)) {
		if (a.length !== b.length) return {
			valid: false,
			mergeErrorPath: []
		};
		const newArray = [];
		for (let index = 0; index < a.length; index++) {
			const itemA = a[index];
			const itemB = b[index];
			const sharedValue = mergeValues(itemA, itemB);
			if (!sharedValue.valid) return {
				valid: false,
				mergeErrorPath: [index, ...sharedValue.mergeErrorPath]
			};
			newArray.push(sharedValue.data);
		}
		return {
			valid: true,
			data: newArray
		};
	}
	return {
		valid: false,
		mergeErrorPath: []
	};
}
function handleIntersectionResults(result, left, right) {
	const unrecKeys = /* @__PURE__ */ new Map();
	let unrecIssue;
	const keyIssues = /* @__PURE__ */ new Map();
	const collect = (iss, side) => {
		let keys;
		if (iss.code === "unrecognized_keys" && !iss.path?.length) {
			unrecIssue ?? (unrecIssue = iss);
			keys = iss.keys;
		} else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
			const k = String(iss.path[0]);
			if (!keyIssues.has(k)) keyIssues.set(k, iss);
			keys = [k];
		} else return false;
		for (const k of keys) {
			if (!unrecKeys.has(k)) unrecKeys.set(k, {});
			unrecKeys.get(k)[side] = true;
		}
		return true;
	};
	for (const iss of left.issues) if (!collect(iss, "l")) result.issues.push(iss);
	for (const iss of right.issues) if (!collect(iss, "r")) result.issues.push(iss);
	const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
	if (bothKeys.length) {
		const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
		if (aggregated.length) result.issues.push({
			...unrecIssue,
			keys: aggregated
		});
		for (const k of bothKeys) if (!aggregated.includes(k) && keyIssues.has(k)) result.issues.push(keyIssues.get(k));
	}
	const merged = mergeValues(left.value, right.value);
	if (!merged.valid) {
		if (aborted(result)) return result;
		throw new Error(`Unmergable intersection. Error path: ${JSON.stringify(merged.mergeErrorPath)}`);
	}
	result.value = merged.data;
	return result;
}
const $ZodRecord = /*@__PURE__*/ $constructor("$ZodRecord", (inst, def) => {
	$ZodType.init(inst, def);
	const memo = globalConfig.memoizer;
	memo?.attach(inst);
	inst._zod.parse = (payload, ctx) => {
		const input = payload.value;
		if (!isPlainObject(input)) {
			payload.issues.push({
				expected: "record",
				code: "invalid_type",
				input,
				inst
			});
			return payload;
		}
		const proms = [];
		const values = def.keyType._zod.values;
		if (values && !def.partial) {
			payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
			const recordKeys = /* @__PURE__ */ new Set();
			for (const key of values) if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
				recordKeys.add(typeof key === "number" ? key.toString() : key);
				if (key === "__proto__") continue;
				const keyResult = def.keyType._zod.run({
					value: key,
					issues: []
				}, ctx);
				if (keyResult instanceof Promise) throw new Error("Async schemas not supported in object keys currently");
				if (keyResult.issues.length) {
					payload.issues.push({
						code: "invalid_key",
						origin: "record",
						issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
						input: key,
						path: [key],
						inst
					});
					continue;
				}
				const outKey = keyResult.value;
				if (outKey === "__proto__") continue;
				const result = def.valueType._zod.run({
					value: input[key],
					issues: []
				}, ctx);
				if (result instanceof Promise) proms.push(result.then((result) => {
					if (result.issues.length) payload.issues.push(...prefixIssues(key, result.issues));
					payload.value[outKey] = result.value;
				}));
				else {
					if (result.issues.length) payload.issues.push(...prefixIssues(key, result.issues));
					payload.value[outKey] = result.value;
				}
			}
			let unrecognized;
			for (const key in input) if (!recordKeys.has(key)) {
				if (def.mode === "loose") {
					if (key === "__proto__") continue;
					payload.value[key] = input[key];
				} else {
					unrecognized = unrecognized ?? [];
					unrecognized.push(key);
				}
			}
			if (unrecognized && unrecognized.length > 0) payload.issues.push({
				code: "unrecognized_keys",
				input,
				inst,
				keys: unrecognized,
				continue: true
			});
		} else {
			payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
			let unrecognized;
			for (const key of Reflect.ownKeys(input)) {
				if (key === "__proto__") continue;
				if (!Object.prototype.propertyIsEnumerable.call(input, key)) continue;
				let keyResult = def.keyType._zod.run({
					value: key,
					issues: []
				}, ctx);
				if (keyResult instanceof Promise) throw new Error("Async schemas not supported in object keys currently");
				if (typeof key === "string" && number$1.test(key) && keyResult.issues.length) {
					const retryResult = def.keyType._zod.run({
						value: Number(key),
						issues: []
					}, ctx);
					if (retryResult instanceof Promise) throw new Error("Async schemas not supported in object keys currently");
					if (retryResult.issues.length === 0) keyResult = retryResult;
				}
				if (keyResult.issues.length) {
					if (def.mode === "loose") payload.value[key] = input[key];
					else if (values) {
						unrecognized = unrecognized ?? [];
						unrecognized.push(key);
					} else payload.issues.push({
						code: "invalid_key",
						origin: "record",
						issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
						input: key,
						path: [key],
						inst
					});
					continue;
				}
				const outKey = keyResult.value;
				if (outKey === "__proto__") continue;
				const result = def.valueType._zod.run({
					value: input[key],
					issues: []
				}, ctx);
				if (result instanceof Promise) proms.push(result.then((result) => {
					if (result.issues.length) payload.issues.push(...prefixIssues(key, result.issues));
					payload.value[outKey] = result.value;
				}));
				else {
					if (result.issues.length) payload.issues.push(...prefixIssues(key, result.issues));
					payload.value[outKey] = result.value;
				}
			}
			if (unrecognized && unrecognized.length > 0) payload.issues.push({
				code: "unrecognized_keys",
				input,
				inst,
				keys: unrecognized,
				continue: true
			});
		}
		if (proms.length) return Promise.all(proms).then(() => payload);
		return payload;
	};
});
const $ZodEnum = /*@__PURE__*/ $constructor("$ZodEnum", (inst, def) => {
	$ZodType.init(inst, def);
	const values = getEnumValues(def.entries);
	const valuesSet = new Set(values);
	inst._zod.values = valuesSet;
	defineLazyInternal(inst, "pattern", (zod) => {
		const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
		return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
	});
	inst._zod.parse = (payload, _ctx) => {
		const input = payload.value;
		if (valuesSet.has(input)) return payload;
		payload.issues.push({
			code: "invalid_value",
			values,
			input,
			inst
		});
		return payload;
	};
});
const $ZodLiteral = /*@__PURE__*/ $constructor("$ZodLiteral", (inst, def) => {
	$ZodType.init(inst, def);
	const values = new Set(def.values);
	inst._zod.values = values;
	defineLazyInternal(inst, "pattern", (zod) => {
		const vals = zod.def.values;
		return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
	});
	inst._zod.parse = (payload, _ctx) => {
		const input = payload.value;
		if (values.has(input)) return payload;
		payload.issues.push({
			code: "invalid_value",
			values: def.values,
			input,
			inst
		});
		return payload;
	};
});
const $ZodTransform = /*@__PURE__*/ $constructor("$ZodTransform", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.optin = "optional";
	globalConfig.memoizer?.guard(inst);
	inst._zod.parse = (payload, ctx) => {
		if (ctx.direction === "backward") throw new $ZodEncodeError(inst.constructor.name);
		const _out = def.transform(payload.value, payload);
		if (ctx.async) return (_out instanceof Promise ? _out : Promise.resolve(_out)).then((output) => {
			payload.value = output;
			return payload;
		});
		if (_out instanceof Promise) throw new $ZodAsyncError();
		payload.value = _out;
		return payload;
	};
});
function handleOptionalResult(payload, result) {
	payload.value = result.issues.length ? void 0 : result.value;
	return payload;
}
const $ZodOptional = /*@__PURE__*/ $constructor("$ZodOptional", (inst, def) => {
	$ZodType.init(inst, def);
	defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
	inst._zod.optout = "optional";
	defineLazyInternal(inst, "values", (zod) => {
		const values = zod.def.innerType._zod.values;
		return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
	});
	defineLazyInternal(inst, "pattern", (zod) => {
		const pattern = zod.def.innerType._zod.pattern;
		return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
	});
	inst._zod.parse = (payload, ctx) => {
		if (payload.value === void 0) {
			if (def.innerType._zod.optin !== "defaulted") return payload;
			const result = def.innerType._zod.run({
				value: payload.value,
				issues: []
			}, ctx);
			if (result instanceof Promise) return result.then((result) => handleOptionalResult(payload, result));
			return handleOptionalResult(payload, result);
		}
		return def.innerType._zod.run(payload, ctx);
	};
});
const $ZodExactOptional = /*@__PURE__*/ $constructor("$ZodExactOptional", (inst, def) => {
	$ZodOptional.init(inst, def);
	defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
	defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
	inst._zod.parse = (payload, ctx) => {
		return def.innerType._zod.run(payload, ctx);
	};
});
const $ZodNullable = /*@__PURE__*/ $constructor("$ZodNullable", (inst, def) => {
	$ZodType.init(inst, def);
	defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
	defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
	defineLazyInternal(inst, "pattern", (zod) => {
		const pattern = zod.def.innerType._zod.pattern;
		return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : void 0;
	});
	defineLazyInternal(inst, "values", (zod) => {
		return zod.def.innerType._zod.values ? /* @__PURE__ */ new Set([...zod.def.innerType._zod.values, null]) : void 0;
	});
	inst._zod.parse = (payload, ctx) => {
		if (payload.value === null) return payload;
		return def.innerType._zod.run(payload, ctx);
	};
});
const $ZodDefault = /*@__PURE__*/ $constructor("$ZodDefault", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.optin = "defaulted";
	defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
	inst._zod.parse = (payload, ctx) => {
		if (ctx.direction === "backward") return def.innerType._zod.run(payload, ctx);
		if (payload.value === void 0) {
			payload.value = def.defaultValue;
			/**
			* $ZodDefault returns the default value immediately in forward direction.
			* It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
			return payload;
		}
		const result = def.innerType._zod.run(payload, ctx);
		if (result instanceof Promise) return result.then((result) => handleDefaultResult(result, def));
		return handleDefaultResult(result, def);
	};
});
function handleDefaultResult(payload, def) {
	if (payload.value === void 0) payload.value = def.defaultValue;
	return payload;
}
const $ZodPrefault = /*@__PURE__*/ $constructor("$ZodPrefault", (inst, def) => {
	$ZodType.init(inst, def);
	inst._zod.optin = "defaulted";
	defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
	inst._zod.parse = (payload, ctx) => {
		if (ctx.direction === "backward") return def.innerType._zod.run(payload, ctx);
		if (payload.value === void 0) payload.value = def.defaultValue;
		return def.innerType._zod.run(payload, ctx);
	};
});
const $ZodNonOptional = /*@__PURE__*/ $constructor("$ZodNonOptional", (inst, def) => {
	$ZodType.init(inst, def);
	defineLazyInternal(inst, "values", (zod) => {
		const v = zod.def.innerType._zod.values;
		return v ? new Set([...v].filter((x) => x !== void 0)) : void 0;
	});
	inst._zod.parse = (payload, ctx) => {
		const result = def.innerType._zod.run(payload, ctx);
		if (result instanceof Promise) return result.then((result) => handleNonOptionalResult(result, inst));
		return handleNonOptionalResult(result, inst);
	};
});
function handleNonOptionalResult(payload, inst) {
	if (!payload.issues.length && payload.value === void 0) payload.issues.push({
		code: "invalid_type",
		expected: "nonoptional",
		input: payload.value,
		inst
	});
	return payload;
}
function handleCatchResult(payload, result, def, ctx) {
	if (!result.issues.length) {
		payload.value = result.value;
		if (result.memo) payload.memo = true;
		return payload;
	}
	payload.value = def.catchValue({
		...result,
		value: payload.value,
		error: { issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config())) },
		input: payload.value
	});
	return payload;
}
const $ZodCatch = /*@__PURE__*/ $constructor("$ZodCatch", (inst, def) => {
	$ZodType.init(inst, def);
	defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
	defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
	defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
	inst._zod.parse = (payload, ctx) => {
		if (ctx.direction === "backward") return def.innerType._zod.run(payload, ctx);
		const result = def.innerType._zod.run({
			value: payload.value,
			issues: []
		}, ctx);
		if (result instanceof Promise) return result.then((result) => handleCatchResult(payload, result, def, ctx));
		return handleCatchResult(payload, result, def, ctx);
	};
});
const $ZodPipe = /*@__PURE__*/ $constructor("$ZodPipe", (inst, def) => {
	$ZodType.init(inst, def);
	defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
	defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
	defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
	defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
	inst._zod.parse = (payload, ctx) => {
		if (ctx.direction === "backward") {
			const right = def.out._zod.run(payload, ctx);
			if (right instanceof Promise) return right.then((right) => handlePipeResult(right, def.in, ctx));
			return handlePipeResult(right, def.in, ctx);
		}
		const left = def.in._zod.run(payload, ctx);
		if (left instanceof Promise) return left.then((left) => handlePipeResult(left, def.out, ctx));
		return handlePipeResult(left, def.out, ctx);
	};
});
function handlePipeResult(left, next, ctx) {
	if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
		left.aborted = true;
		return left;
	}
	return next._zod.run({
		value: left.value,
		issues: left.issues
	}, ctx);
}
const $ZodReadonly = /*@__PURE__*/ $constructor("$ZodReadonly", (inst, def) => {
	$ZodType.init(inst, def);
	defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
	defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
	defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
	defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
	inst._zod.parse = (payload, ctx) => {
		if (ctx.direction === "backward") return def.innerType._zod.run(payload, ctx);
		const result = def.innerType._zod.run(payload, ctx);
		if (result instanceof Promise) return result.then(handleReadonlyResult);
		return handleReadonlyResult(result);
	};
});
function handleReadonlyResult(payload) {
	if (!payload.memo) payload.value = Object.freeze(payload.value);
	return payload;
}
const $ZodCustom = /*@__PURE__*/ $constructor("$ZodCustom", (inst, def) => {
	$ZodCheck.init(inst, def);
	$ZodType.init(inst, def);
	inst._zod.parse = (payload, _) => {
		return payload;
	};
	inst._zod.check = (payload) => {
		const input = payload.value;
		const r = def.fn(input);
		if (r instanceof Promise) return r.then((r) => handleRefineResult(r, payload, input, inst));
		handleRefineResult(r, payload, input, inst);
	};
});
function handleRefineResult(result, payload, input, inst) {
	if (!result) {
		const _iss = {
			code: "custom",
			input,
			inst,
			path: [...inst._zod.def.path ?? []],
			continue: !inst._zod.def.abort
		};
		if (inst._zod.def.params) _iss.params = inst._zod.def.params;
		payload.issues.push(issue(_iss));
	}
}
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/memoizer.js
var $ZodCyclicError = class extends Error {
	constructor() {
		super(`Cannot parse a reference cycle that closes through a transform`);
		this.name = "ZodCyclicError";
	}
};
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
function isRef(value) {
	return value !== null && typeof value === "object";
}
function cloneIssues(issues) {
	return issues.map((iss) => iss.path ? {
		...iss,
		path: iss.path.slice()
	} : { ...iss });
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
	const cached = recursive.get(inst);
	if (cached !== void 0) return cached ? PROVEN : NONE;
	if (stack.has(inst)) return PROVEN;
	stack.add(inst);
	let result = NONE;
	const check = (child) => {
		if (result !== PROVEN && child?._zod) {
			const answer = isRecursive(child, stack, resolve);
			if (answer > result) result = answer;
		}
	};
	const shape = (sh, spread) => {
		let answer = NONE;
		for (const key of Reflect.ownKeys(sh)) {
			const desc = Object.getOwnPropertyDescriptor(sh, key);
			if (spread && !desc.enumerable) continue;
			const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack, resolve) : NONE;
			if (child > answer) answer = child;
		}
		return answer;
	};
	const merge = (answer) => {
		if (answer > result) result = answer;
	};
	const def = inst._zod.def;
	switch (def.type) {
		case "object": {
			const raw = rawShape(def);
			merge(raw ? shape(raw, true) : ASSUMED);
			check(def.catchall);
			break;
		}
		case "array":
			check(def.element);
			break;
		case "tuple":
			for (const el of def.items) check(el);
			check(def.rest);
			break;
		case "record":
		case "map":
			check(def.keyType);
			check(def.valueType);
			break;
		case "set":
			check(def.valueType);
			break;
		case "union":
			for (const el of def.options) check(el);
			break;
		case "intersection":
			check(def.left);
			check(def.right);
			break;
		case "optional":
		case "nullable":
		case "default":
		case "prefault":
		case "catch":
		case "readonly":
		case "nonoptional":
		case "promise":
		case "success":
			check(def.innerType);
			break;
		case "pipe":
			check(def.in);
			check(def.out);
			break;
		case "function":
			check(def.input);
			check(def.output);
			break;
		case "lazy": {
			const inner = def._cachedInner ?? (resolve ? inst._zod.innerType : void 0);
			merge(inner ? isRecursive(inner, stack, false) : ASSUMED);
			break;
		}
		case "template_literal":
		case "string":
		case "number":
		case "int":
		case "boolean":
		case "bigint":
		case "symbol":
		case "undefined":
		case "null":
		case "void":
		case "never":
		case "any":
		case "unknown":
		case "date":
		case "nan":
		case "enum":
		case "literal":
		case "file":
		case "transform":
		case "custom": break;
		default: for (const key in def) {
			const desc = Object.getOwnPropertyDescriptor(def, key);
			if (!desc || desc.get) continue;
			const value = desc.value;
			if (!value || typeof value !== "object") continue;
			if (value._zod) check(value);
			else if (Array.isArray(value)) for (const el of value) check(el);
		}
	}
	stack.delete(inst);
	return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
	if (answer !== ASSUMED) recursive.set(inst, answer === PROVEN);
	return answer;
}
function bucketFor(state, inst) {
	let bucket = state.buckets.get(inst);
	if (!bucket) {
		bucket = /* @__PURE__ */ new WeakMap();
		state.buckets.set(inst, bucket);
	}
	return bucket;
}
let handoff;
const open = [];
const memo = {
	alloc(_inst, payload, empty) {
		const bucket = handoff;
		if (!bucket) return empty;
		handoff = void 0;
		const entry = {
			value: empty,
			issues: null
		};
		bucket.set(payload.value, entry);
		open.push(entry);
		return empty;
	},
	guard(inst) {
		var _a;
		(_a = inst._zod).deferred ?? (_a.deferred = []);
		inst._zod.deferred.push(() => {
			const base = inst._zod.parse;
			const wrapped = (payload, ctx) => {
				if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value)) throw new $ZodCyclicError();
				return base(payload, ctx);
			};
			inst._zod.parse = wrapped;
			if (inst._zod.run === base) inst._zod.run = wrapped;
		});
	},
	attach(inst) {
		var _a;
		let isRecursiveInst;
		let rechecked = false;
		let lastCtx;
		let lastBucket;
		(_a = inst._zod).deferred ?? (_a.deferred = []);
		inst._zod.deferred.push(() => {
			const base = inst._zod.parse;
			const wrapped = (payload, ctx) => {
				if (isRecursiveInst === void 0) {
					const walked = isRecursive(inst, /* @__PURE__ */ new Set(), false);
					if (walked === NONE) {
						inst._zod.parse = base;
						if (inst._zod.run === wrapped) inst._zod.run = base;
						return base(payload, ctx);
					}
					if (walked === PROVEN || rechecked) isRecursiveInst = true;
					else rechecked = true;
				}
				const input = payload.value;
				if (!isRef(input)) return base(payload, ctx);
				let state = ctx[STATE];
				if (!state) {
					state = {
						buckets: /* @__PURE__ */ new WeakMap(),
						backEdges: void 0
					};
					ctx[STATE] = state;
				}
				let bucket;
				if (lastCtx === ctx) bucket = lastBucket;
				else {
					bucket = bucketFor(state, inst);
					lastCtx = ctx;
					lastBucket = bucket;
				}
				const hit = bucket.get(input);
				if (hit) {
					payload.value = hit.value;
					if (hit.issues) {
						if (hit.issues.length) payload.issues.push(...cloneIssues(hit.issues));
					} else {
						payload.memo = true;
						state.backEdges ?? (state.backEdges = /* @__PURE__ */ new WeakSet());
						state.backEdges.add(hit.value);
					}
					return payload;
				}
				handoff = bucket;
				const depth = open.length;
				const result = base(payload, ctx);
				handoff = void 0;
				const entry = open.length > depth ? open.pop() : void 0;
				if (result instanceof Promise) return result.then((r) => {
					if (entry) entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
					return r;
				});
				if (entry) entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
				return result;
			};
			inst._zod.parse = wrapped;
			if (inst._zod.run === base) inst._zod.run = wrapped;
		});
	}
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
	return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
	const backEdges = ctx[STATE]?.backEdges;
	return backEdges !== void 0 && isRef(value) && backEdges.has(value);
}
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/locales/en.js
const error = () => {
	const Sizable = {
		string: {
			unit: "characters",
			verb: "to have"
		},
		file: {
			unit: "bytes",
			verb: "to have"
		},
		array: {
			unit: "items",
			verb: "to have"
		},
		set: {
			unit: "items",
			verb: "to have"
		},
		map: {
			unit: "entries",
			verb: "to have"
		}
	};
	function getSizing(origin) {
		return Sizable[origin] ?? null;
	}
	const FormatDictionary = {
		regex: "input",
		email: "email address",
		url: "URL",
		emoji: "emoji",
		uuid: "UUID",
		uuidv4: "UUIDv4",
		uuidv6: "UUIDv6",
		nanoid: "nanoid",
		guid: "GUID",
		cuid: "cuid",
		cuid2: "cuid2",
		ulid: "ULID",
		xid: "XID",
		ksuid: "KSUID",
		datetime: "ISO datetime",
		date: "ISO date",
		time: "ISO time",
		duration: "ISO duration",
		ipv4: "IPv4 address",
		ipv6: "IPv6 address",
		mac: "MAC address",
		cidrv4: "IPv4 range",
		cidrv6: "IPv6 range",
		base64: "base64-encoded string",
		base64url: "base64url-encoded string",
		json_string: "JSON string",
		e164: "E.164 number",
		currency_code: "currency code",
		credit_card: "credit card number",
		iban: "IBAN",
		jwt: "JWT",
		template_literal: "input"
	};
	const TypeDictionary = { nan: "NaN" };
	function getTypeName(type, input) {
		if (type === "number" && typeof input === "number" && !Number.isFinite(input)) return String(input);
		return TypeDictionary[type] ?? type;
	}
	return (issue) => {
		switch (issue.code) {
			case "invalid_type": return `Invalid input: expected ${getTypeName(issue.expected)}, received ${getTypeName(parsedType(issue.input), issue.input)}`;
			case "invalid_value":
				if (issue.values.length === 1) return `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`;
				return `Invalid option: expected one of ${joinValues(issue.values, "|")}`;
			case "too_big": {
				const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
				const sizing = getSizing(issue.origin);
				if (sizing) return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
				return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
			}
			case "too_small": {
				const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
				const sizing = getSizing(issue.origin);
				if (sizing) return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
				return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
			}
			case "invalid_format": {
				const _issue = issue;
				if (_issue.format === "starts_with") return `Invalid string: must start with "${_issue.prefix}"`;
				if (_issue.format === "ends_with") return `Invalid string: must end with "${_issue.suffix}"`;
				if (_issue.format === "includes") return `Invalid string: must include "${_issue.includes}"`;
				if (_issue.format === "regex") return `Invalid string: must match pattern ${_issue.pattern}`;
				return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
			}
			case "not_multiple_of": return `Invalid number: must be a multiple of ${issue.divisor}`;
			case "unrecognized_keys": return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${joinValues(issue.keys, ", ")}`;
			case "invalid_key": return `Invalid key in ${issue.origin}`;
			case "invalid_union":
				if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) return `Invalid discriminator value. Expected ${issue.options.map((o) => `'${o}'`).join(" | ")}`;
				if (issue.inclusive === false) return "Invalid input: more than one option matched";
				return "Invalid input";
			case "invalid_element": return `Invalid value in ${issue.origin}`;
			default: return `Invalid input`;
		}
	};
};
function en_default() {
	return { localeError: error() };
}
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/registries.js
var _a;
var $ZodRegistry = class {
	constructor() {
		this._map = /* @__PURE__ */ new WeakMap();
		this._idmap = /* @__PURE__ */ new Map();
	}
	add(schema, ..._meta) {
		const meta = _meta[0];
		this._map.set(schema, meta);
		if (meta && typeof meta === "object" && "id" in meta) this._idmap.set(meta.id, schema);
		return this;
	}
	clear() {
		this._map = /* @__PURE__ */ new WeakMap();
		this._idmap = /* @__PURE__ */ new Map();
		return this;
	}
	remove(schema) {
		const meta = this._map.get(schema);
		if (meta && typeof meta === "object" && "id" in meta) this._idmap.delete(meta.id);
		this._map.delete(schema);
		return this;
	}
	get(schema) {
		const p = schema._zod.parent;
		if (p) {
			const pm = { ...this.get(p) ?? {} };
			delete pm.id;
			const f = {
				...pm,
				...this._map.get(schema)
			};
			return Object.keys(f).length ? f : void 0;
		}
		return this._map.get(schema);
	}
	has(schema) {
		return this._map.has(schema);
	}
};
function registry() {
	return new $ZodRegistry();
}
(_a = globalThis).__zod_globalRegistry ?? (_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
	if (def.checks) def.checks = [...def.checks];
	return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
	return new Class(snapshotChecks({
		type: "string",
		...normalizeParams(params)
	}));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
	return new Class({
		type: "string",
		format: "email",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
	return new Class({
		type: "string",
		format: "guid",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
	return new Class({
		type: "string",
		format: "uuid",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
	return new Class({
		type: "string",
		format: "uuid",
		check: "string_format",
		abort: false,
		version: "v4",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
	return new Class({
		type: "string",
		format: "uuid",
		check: "string_format",
		abort: false,
		version: "v6",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
	return new Class({
		type: "string",
		format: "uuid",
		check: "string_format",
		abort: false,
		version: "v7",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
	return new Class({
		type: "string",
		format: "url",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _emoji(Class, params) {
	return new Class({
		type: "string",
		format: "emoji",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
	return new Class({
		type: "string",
		format: "nanoid",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
/**
* @deprecated CUID v1 is deprecated by its authors due to information leakage
* (timestamps embedded in the id). Use {@link _cuid2} instead.
* See https://github.com/paralleldrive/cuid.
*/
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
	return new Class({
		type: "string",
		format: "cuid",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
	return new Class({
		type: "string",
		format: "cuid2",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
	return new Class({
		type: "string",
		format: "ulid",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
	return new Class({
		type: "string",
		format: "xid",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
	return new Class({
		type: "string",
		format: "ksuid",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
	return new Class({
		type: "string",
		format: "ipv4",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
	return new Class({
		type: "string",
		format: "ipv6",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
	return new Class({
		type: "string",
		format: "cidrv4",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
	return new Class({
		type: "string",
		format: "cidrv6",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
	return new Class({
		type: "string",
		format: "base64",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
	return new Class({
		type: "string",
		format: "base64url",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
	return new Class({
		type: "string",
		format: "e164",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
	return new Class({
		type: "string",
		format: "jwt",
		check: "string_format",
		abort: false,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
	return new Class({
		type: "string",
		format: "datetime",
		check: "string_format",
		offset: false,
		local: false,
		precision: null,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
	return new Class({
		type: "string",
		format: "date",
		check: "string_format",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
	return new Class({
		type: "string",
		format: "time",
		check: "string_format",
		precision: null,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
	return new Class({
		type: "string",
		format: "duration",
		check: "string_format",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
	return new Class(snapshotChecks({
		type: "number",
		checks: [],
		...normalizeParams(params)
	}));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
	return new Class({
		type: "number",
		check: "number_format",
		abort: false,
		format: "safeint",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
	return new Class({
		type: "boolean",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
	return new Class({ type: "unknown" });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
	return new Class({
		type: "never",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
	return new $ZodCheckLessThan({
		check: "less_than",
		...normalizeParams(params),
		value,
		inclusive: false
	});
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
	return new $ZodCheckLessThan({
		check: "less_than",
		...normalizeParams(params),
		value,
		inclusive: true
	});
}
// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
	return new $ZodCheckGreaterThan({
		check: "greater_than",
		...normalizeParams(params),
		value,
		inclusive: false
	});
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
	return new $ZodCheckGreaterThan({
		check: "greater_than",
		...normalizeParams(params),
		value,
		inclusive: true
	});
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
	return new $ZodCheckMultipleOf({
		check: "multiple_of",
		...normalizeParams(params),
		value
	});
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
	return new $ZodCheckMaxLength({
		check: "max_length",
		...normalizeParams(params),
		maximum
	});
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
	return new $ZodCheckMinLength({
		check: "min_length",
		...normalizeParams(params),
		minimum
	});
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
	return new $ZodCheckLengthEquals({
		check: "length_equals",
		...normalizeParams(params),
		length
	});
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
	return new $ZodCheckRegex({
		check: "string_format",
		format: "regex",
		...normalizeParams(params),
		pattern
	});
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
	return new $ZodCheckLowerCase({
		check: "string_format",
		format: "lowercase",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
	return new $ZodCheckUpperCase({
		check: "string_format",
		format: "uppercase",
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
	return new $ZodCheckIncludes({
		check: "string_format",
		format: "includes",
		...normalizeParams(params),
		includes
	});
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
	return new $ZodCheckStartsWith({
		check: "string_format",
		format: "starts_with",
		...normalizeParams(params),
		prefix
	});
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
	return new $ZodCheckEndsWith({
		check: "string_format",
		format: "ends_with",
		...normalizeParams(params),
		suffix
	});
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
	return new $ZodCheckOverwrite({
		check: "overwrite",
		tx
	});
}
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
	return /* @__PURE__ */ _overwrite((input) => input.normalize(form));
}
// @__NO_SIDE_EFFECTS__
function _trim() {
	return /* @__PURE__ */ _overwrite((input) => input.trim());
}
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
	return /* @__PURE__ */ _overwrite((input) => input.toLowerCase());
}
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
	return /* @__PURE__ */ _overwrite((input) => input.toUpperCase());
}
// @__NO_SIDE_EFFECTS__
function _slugify() {
	return /* @__PURE__ */ _overwrite((input) => slugify(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
	return new Class({
		type: "array",
		element,
		...normalizeParams(params)
	});
}
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
	return new Class({
		type: "custom",
		check: "custom",
		fn,
		...normalizeParams(_params)
	});
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
	const ch = /* @__PURE__ */ _check((payload) => {
		payload.addIssue = (issue$2) => {
			if (typeof issue$2 === "string") payload.issues.push(issue(issue$2, payload.value, ch._zod.def));
			else {
				const _issue = issue$2;
				if (_issue.fatal) _issue.continue = false;
				_issue.code ?? (_issue.code = "custom");
				if (!("input" in _issue)) _issue.input = payload.value;
				_issue.inst ?? (_issue.inst = ch);
				_issue.continue ?? (_issue.continue = !ch._zod.def.abort);
				payload.issues.push(issue(_issue));
			}
		};
		return fn(payload.value, payload);
	}, params);
	return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
	const ch = new $ZodCheck({
		check: "custom",
		...normalizeParams(params)
	});
	ch._zod.check = fn;
	return ch;
}
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/to-json-schema.js
function assignProps(target, ...sources) {
	for (const source of sources) for (const key of Reflect.ownKeys(source)) if (Object.prototype.propertyIsEnumerable.call(source, key)) assignProp(target, key, source[key]);
	return target;
}
function initializeContext(params) {
	let target = params?.target ?? "draft-2020-12";
	if (target === "draft-4") target = "draft-04";
	if (target === "draft-7") target = "draft-07";
	return {
		processors: params.processors ?? {},
		metadataRegistry: params?.metadata ?? globalRegistry,
		target,
		unrepresentable: params?.unrepresentable ?? "throw",
		override: params?.override ?? (() => {}),
		io: params?.io ?? "output",
		counter: 0,
		seen: /* @__PURE__ */ new Map(),
		sharedDefsExtractedFor: void 0,
		sharedEmitDoneFor: void 0,
		cycles: params?.cycles ?? "ref",
		reused: params?.reused ?? "inline",
		intersections: [],
		deferred: [],
		external: params?.external ?? void 0
	};
}
/**
* Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
* `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
* custom JSON Schema was written into `json`, in which case the caller must not write its own.
*/
function handleUnrepresentable(schema, ctx, json, params, message) {
	const result = typeof ctx.unrepresentable === "function" ? ctx.unrepresentable({
		zodSchema: schema,
		path: params.path,
		message
	}) : ctx.unrepresentable;
	if (result === "any") return false;
	if (result === void 0 || result === "throw") throw new Error(message);
	Object.assign(json, result);
	return true;
}
function processSchema(schema, ctx, _params = {
	path: [],
	schemaPath: []
}) {
	var _a;
	const def = schema._zod.def;
	const seen = ctx.seen.get(schema);
	if (seen) {
		seen.count++;
		if (_params.schemaPath.includes(schema)) seen.cycle = _params.path;
		return seen.schema;
	}
	const result = {
		schema: {},
		count: 1,
		cycle: void 0,
		path: _params.path
	};
	ctx.seen.set(schema, result);
	ctx.sharedDefsExtractedFor = void 0;
	ctx.sharedEmitDoneFor = void 0;
	const overrideSchema = schema._zod.toJSONSchema?.();
	if (overrideSchema) result.schema = overrideSchema;
	else {
		const params = {
			..._params,
			schemaPath: [..._params.schemaPath, schema],
			path: _params.path
		};
		if (schema._zod.processJSONSchema) schema._zod.processJSONSchema(ctx, result.schema, params);
		else {
			const _json = result.schema;
			const processor = ctx.processors[def.type];
			if (!processor) throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
			processor(schema, ctx, _json, params);
		}
		const parent = schema._zod.parent;
		if (parent) {
			if (!result.ref) result.ref = parent;
			processSchema(parent, ctx, params);
			ctx.seen.get(parent).isParent = true;
		}
	}
	const meta = ctx.metadataRegistry.get(schema);
	if (meta) assignProps(result.schema, meta);
	if (ctx.io === "input" && isTransforming(schema)) {
		delete result.schema.examples;
		delete result.schema.default;
	}
	if (ctx.io === "input" && "_prefault" in result.schema) (_a = result.schema).default ?? (_a.default = result.schema._prefault);
	delete result.schema._prefault;
	return ctx.seen.get(schema).schema;
}
function encodeJSONPointerSegment(segment) {
	return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function extractDefs(ctx, schema) {
	const root = ctx.seen.get(schema);
	if (!root) throw new Error("Unprocessed schema. This is a bug in Zod.");
	if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external) return;
	const idToSchema = /* @__PURE__ */ new Map();
	for (const entry of ctx.seen.entries()) {
		const id = ctx.metadataRegistry.get(entry[0])?.id;
		if (id) {
			const existing = idToSchema.get(id);
			if (existing && existing !== entry[0]) throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
			idToSchema.set(id, entry[0]);
		}
	}
	const makeURI = (entry) => {
		const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
		if (ctx.external) {
			const externalId = ctx.external.registry.get(entry[0])?.id;
			const uriGenerator = ctx.external.uri ?? ((id) => id);
			if (externalId) return { ref: uriGenerator(externalId) };
			const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
			entry[1].defId = id;
			return {
				defId: id,
				ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}`
			};
		}
		const uriPrefix = `#`;
		const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
		if (entry[1] === root && !entry[1].schema.id) return { ref: uriPrefix };
		const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
		return {
			defId,
			ref: defUriPrefix + encodeJSONPointerSegment(defId)
		};
	};
	const extractToDef = (entry) => {
		if (entry[1].schema.$ref) return;
		const seen = entry[1];
		const { ref, defId } = makeURI(entry);
		seen.def = { ...seen.schema };
		if (defId) seen.defId = defId;
		const schema = seen.schema;
		for (const key in schema) delete schema[key];
		schema.$ref = ref;
	};
	if (ctx.cycles === "throw") for (const entry of ctx.seen.entries()) {
		const seen = entry[1];
		if (seen.cycle) throw new Error(`Cycle detected: #/${seen.cycle?.join("/")}/<root>

Set the \`cycles\` parameter to \`"ref"\` to resolve cyclical schemas with defs.`);
	}
	for (const entry of ctx.seen.entries()) {
		const seen = entry[1];
		if (schema === entry[0]) {
			extractToDef(entry);
			continue;
		}
		if (ctx.external) {
			const ext = ctx.external.registry.get(entry[0])?.id;
			if (schema !== entry[0] && ext) {
				extractToDef(entry);
				continue;
			}
		}
		if (ctx.metadataRegistry.get(entry[0])?.id) {
			extractToDef(entry);
			continue;
		}
		if (seen.cycle) {
			extractToDef(entry);
			continue;
		}
		if (seen.count > 1) {
			if (ctx.reused === "ref") extractToDef(entry);
		}
	}
	if (ctx.external) ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
	const options = schema.anyOf;
	if (!Array.isArray(options) || options.length === 0 || schema.type !== void 0) return;
	const types = [];
	for (const option of options) {
		if (!option || typeof option !== "object") return;
		compactTypeUnion(option);
		const keys = Object.keys(option);
		if (keys.length !== 1 || keys[0] !== "type") return;
		const type = option.type;
		for (const member of Array.isArray(type) ? type : [type]) {
			if (typeof member !== "string") return;
			if (!types.includes(member)) types.push(member);
		}
	}
	delete schema.anyOf;
	schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
* an annotation like `description` — makes a member unfoldable, so a constraint this does not
* understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = /* @__PURE__ */ new Set([
	"type",
	"properties",
	"required",
	"additionalProperties"
]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
	const extra = member.additionalProperties;
	if (extra === void 0 || extra === false || typeof extra !== "object" || extra === null) return null;
	return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
	const objects = [];
	for (const member of members) {
		if (typeof member !== "object" || member.type !== "object") return null;
		for (const key in member) if (!FOLDABLE_KEYS.has(key)) return null;
		objects.push(member);
	}
	const properties = {};
	const required = /* @__PURE__ */ new Set();
	for (const object of objects) {
		for (const key in object.properties) {
			if (Object.prototype.hasOwnProperty.call(properties, key)) continue;
			const parts = [];
			for (const other of objects) {
				const part = other.properties?.[key] ?? undeclaredConstraint(other);
				if (part === null || part === void 0) continue;
				if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part))) parts.push(part);
			}
			assignProp(properties, key, parts.length === 1 ? parts[0] : foldObjects(parts) ?? { allOf: parts });
		}
		for (const key of object.required ?? []) required.add(key);
	}
	const folded = {
		type: "object",
		properties
	};
	if (required.size) folded.required = [...required];
	if (objects.every((object) => object.additionalProperties === false)) folded.additionalProperties = false;
	else {
		const constraints = [];
		for (const object of objects) {
			const constraint = undeclaredConstraint(object);
			if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint))) constraints.push(constraint);
		}
		if (constraints.length === 1) folded.additionalProperties = constraints[0];
		else if (constraints.length > 1) folded.additionalProperties = { allOf: constraints };
	}
	return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
* closed object members reject each other's keys and the schema validates nothing. Zod's parser
* pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
* *every* side rejects it — so the emitted schema has to pool them too, and folding the members
* into one object is the encoding that says so on every target.
*
* This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
* machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
* keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
	const allOf = json.allOf;
	if (!Array.isArray(allOf) || allOf.length < 2) return;
	for (const key of FOLDABLE_KEYS) if (key in json) return;
	const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
	let folded = null;
	if (!unions.length) folded = foldObjects(allOf);
	else {
		const union = unions[0];
		const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
		if (Object.keys(union).length !== 1) return;
		const rest = allOf.filter((m) => m !== union);
		const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
		if (branches.some((b) => !b)) return;
		folded = { [keyword]: branches };
	}
	if (!folded) return;
	delete json.allOf;
	assignProps(json, folded);
}
function finalize(ctx, schema) {
	const root = ctx.seen.get(schema);
	if (!root) throw new Error("Unprocessed schema. This is a bug in Zod.");
	const flattenRef = (zodSchema) => {
		const seen = ctx.seen.get(zodSchema);
		if (seen.ref === null) return;
		const schema = seen.def ?? seen.schema;
		const _cached = { ...schema };
		const ref = seen.ref;
		seen.ref = null;
		if (ref) {
			flattenRef(ref);
			const refSeen = ctx.seen.get(ref);
			const refSchema = refSeen.schema;
			if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
				schema.allOf = schema.allOf ?? [];
				schema.allOf.push(refSchema);
			} else assignProps(schema, refSchema);
			assignProps(schema, _cached);
			if (zodSchema._zod.parent === ref) for (const key in schema) {
				if (key === "$ref" || key === "allOf") continue;
				if (!(key in _cached)) delete schema[key];
			}
			if (refSchema.$ref && refSeen.def) for (const key in schema) {
				if (key === "$ref" || key === "allOf") continue;
				if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) delete schema[key];
			}
		}
		const parent = zodSchema._zod.parent;
		if (parent && parent !== ref) {
			flattenRef(parent);
			const parentSeen = ctx.seen.get(parent);
			if (parentSeen?.schema.$ref) {
				schema.$ref = parentSeen.schema.$ref;
				if (parentSeen.def) for (const key in schema) {
					if (key === "$ref" || key === "allOf") continue;
					if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) delete schema[key];
				}
			}
		}
		ctx.override({
			zodSchema,
			jsonSchema: schema,
			path: seen.path ?? []
		});
	};
	if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
		for (const entry of [...ctx.seen.entries()].reverse()) flattenRef(entry[0]);
		if (ctx.target !== "openapi-3.0") for (const entry of ctx.seen.entries()) compactTypeUnion(entry[1].def ?? entry[1].schema);
		for (const rewrite of ctx.deferred) rewrite();
		if (ctx.intersections.length) {
			const carriers = /* @__PURE__ */ new Map();
			for (const seen of ctx.seen.values()) for (const json of [seen.schema, seen.def]) {
				const allOf = json?.allOf;
				if (!Array.isArray(allOf)) continue;
				const existing = carriers.get(allOf);
				if (existing) existing.push(json);
				else carriers.set(allOf, [json]);
			}
			for (const allOf of ctx.intersections) for (const json of carriers.get(allOf) ?? []) foldIntersection(json);
		}
	}
	const result = {};
	if (ctx.target === "draft-2020-12") result.$schema = "https://json-schema.org/draft/2020-12/schema";
	else if (ctx.target === "draft-07") result.$schema = "http://json-schema.org/draft-07/schema#";
	else if (ctx.target === "draft-04") result.$schema = "http://json-schema.org/draft-04/schema#";
	else if (ctx.target === "openapi-3.0") {}
	if (ctx.external?.uri) {
		const id = ctx.external.registry.get(schema)?.id;
		if (!id) throw new Error("Schema is missing an `id` property");
		result.$id = ctx.external.uri(id);
	}
	assignProps(result, root.defId ? root.schema : root.def ?? root.schema);
	const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
	if (rootMetaId !== void 0 && result.id === rootMetaId) delete result.id;
	const defs = ctx.external?.defs ?? {};
	if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) for (const entry of ctx.seen.entries()) {
		const seen = entry[1];
		if (seen.def && seen.defId) {
			if (seen.def.id === seen.defId) delete seen.def.id;
			assignProp(defs, seen.defId, seen.def);
		}
	}
	if (ctx.external) ctx.sharedEmitDoneFor = ctx.external;
	if (ctx.external) {} else if (Object.keys(defs).length > 0) {
		if (ctx.target === "draft-2020-12") result.$defs = defs;
		else result.definitions = defs;
	}
	try {
		const finalized = JSON.parse(JSON.stringify(result));
		Object.defineProperty(finalized, "~standard", {
			value: {
				...schema["~standard"],
				jsonSchema: {
					input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
					output: createStandardJSONSchemaMethod(schema, "output", ctx.processors)
				}
			},
			enumerable: false,
			writable: false
		});
		return finalized;
	} catch (_err) {
		throw new Error("Error converting schema to JSON.");
	}
}
function isTransforming(_schema, _ctx) {
	const ctx = _ctx ?? { seen: /* @__PURE__ */ new Set() };
	if (ctx.seen.has(_schema)) return false;
	ctx.seen.add(_schema);
	const def = _schema._zod.def;
	if (def.type === "transform") return true;
	if (def.type === "array") return isTransforming(def.element, ctx);
	if (def.type === "set") return isTransforming(def.valueType, ctx);
	if (def.type === "lazy") return isTransforming(def.getter(), ctx);
	if (def.type === "promise" || def.type === "optional" || def.type === "nonoptional" || def.type === "nullable" || def.type === "readonly" || def.type === "default" || def.type === "prefault" || def.type === "catch") return isTransforming(def.innerType, ctx);
	if (def.type === "intersection") return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
	if (def.type === "record" || def.type === "map") return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
	if (def.type === "pipe") {
		if (_schema._zod.traits.has("$ZodCodec")) return true;
		return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
	}
	if (def.type === "object") {
		for (const key in def.shape) if (isTransforming(def.shape[key], ctx)) return true;
		return false;
	}
	if (def.type === "union") {
		for (const option of def.options) if (isTransforming(option, ctx)) return true;
		return false;
	}
	if (def.type === "tuple") {
		for (const item of def.items) if (isTransforming(item, ctx)) return true;
		if (def.rest && isTransforming(def.rest, ctx)) return true;
		return false;
	}
	return false;
}
/**
* Creates a toJSONSchema method for a schema instance.
* This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
*/
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
	const ctx = initializeContext({
		...params,
		processors
	});
	processSchema(schema, ctx);
	extractDefs(ctx, schema);
	return finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
	const { libraryOptions, target } = params ?? {};
	const ctx = initializeContext({
		...libraryOptions ?? {},
		target,
		io,
		processors
	});
	processSchema(schema, ctx);
	extractDefs(ctx, schema);
	return finalize(ctx, schema);
};
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/json-schema-processors.js
const narrowMin = (agg, key, value) => {
	if (agg[key] === void 0 || value > agg[key]) agg[key] = value;
};
const narrowMax = (agg, key, value) => {
	if (agg[key] === void 0 || value < agg[key]) agg[key] = value;
};
const narrowBoth = (agg, value) => {
	narrowMin(agg, "minimum", value);
	narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
	agg.multipleOf ?? (agg.multipleOf = []);
	if (!agg.multipleOf.includes(value)) agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
	agg.patterns ?? (agg.patterns = /* @__PURE__ */ new Set());
	agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
	agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
const setFormat = (agg, format) => {
	agg.format = format;
	if (format.includes("int")) agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
	setFormat(agg, def.format);
	const [minimum, maximum] = ranges[def.format];
	narrowMin(agg, "minimum", minimum);
	narrowMax(agg, "maximum", maximum);
};
const contributors = {
	greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
	less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
	multiple_of: (agg, def) => addDivisor(agg, def.value),
	number_format: formatContributor(NUMBER_FORMAT_RANGES),
	bigint_format: formatContributor(BIGINT_FORMAT_RANGES),
	min_length: minContributor,
	max_length: maxContributor,
	length_equals: (agg, def) => narrowBoth(agg, def.length),
	min_size: minContributor,
	max_size: maxContributor,
	size_equals: (agg, def) => narrowBoth(agg, def.size),
	string_format: (agg, def) => {
		setFormat(agg, def.format);
		if (def.pattern) addPattern(agg, def.pattern);
		if (def.format === "base64" || def.format === "base64url") agg.contentEncoding = def.format;
		if (def.local || def.precision === -1) agg.laxFormat = true;
	},
	mime_type: (agg, def) => intersectMime(agg, def.mime)
};
function aggregateChecks(schema) {
	const agg = {};
	const def = schema._zod.def;
	const list = schema._zod.traits.has("$ZodCheck") ? [schema, ...def.checks ?? []] : def.checks ?? [];
	for (const ch of list) contributors[ch._zod.def.check]?.(agg, ch._zod.def);
	const bag = schema._zod.bag;
	if (bag.minimum !== void 0) narrowMin(agg, "minimum", bag.minimum);
	if (bag.exclusiveMinimum !== void 0) narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
	if (bag.maximum !== void 0) narrowMax(agg, "maximum", bag.maximum);
	if (bag.exclusiveMaximum !== void 0) narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
	if (bag.multipleOf !== void 0) addDivisor(agg, bag.multipleOf);
	if (bag.format !== void 0) {
		agg.format ?? (agg.format = bag.format);
		if (bag.format.includes("int")) agg.isInt = true;
	}
	if (bag.mime) intersectMime(agg, bag.mime);
	for (const pattern of bag.patterns ?? []) addPattern(agg, pattern);
	return agg;
}
const formatMap = {
	guid: "uuid",
	url: "uri",
	datetime: "date-time",
	json_string: "json-string",
	regex: ""
};
const exactPatterns = /* @__PURE__ */ new Map([[base64Charset, base64], [base64urlCharset, base64url]]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
	const json = _json;
	json.type = "string";
	const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
	if (typeof minimum === "number") json.minLength = minimum;
	if (typeof maximum === "number") json.maxLength = maximum;
	if (format) {
		json.format = formatMap[format] ?? format;
		if (json.format === "") delete json.format;
		if (format === "time" || laxFormat) delete json.format;
	}
	if (contentEncoding) json.contentEncoding = contentEncoding;
	if (patterns && patterns.size > 0) {
		const patternList = [...patterns].map(exactPattern);
		if (patternList.length === 1) json.pattern = patternList[0].source;
		else if (patternList.length > 1) json.allOf = [...patternList.map((regex) => ({
			...ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0" ? { type: "string" } : {},
			pattern: regex.source
		}))];
	}
};
const numberProcessor = (schema, ctx, _json, params) => {
	const json = _json;
	const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
	json.type = isInt ? "integer" : "number";
	const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
	const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
	const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
	if (exMin) {
		if (legacy) {
			json.minimum = exclusiveMinimum;
			json.exclusiveMinimum = true;
		} else json.exclusiveMinimum = exclusiveMinimum;
	} else if (typeof minimum === "number") json.minimum = minimum;
	if (exMax) {
		if (legacy) {
			json.maximum = exclusiveMaximum;
			json.exclusiveMaximum = true;
		} else json.exclusiveMaximum = exclusiveMaximum;
	} else if (typeof maximum === "number") json.maximum = maximum;
	if (multipleOf) {
		const divisors = /* @__PURE__ */ new Set();
		for (const divisor of multipleOf) if (Number.isFinite(divisor) && divisor !== 0) divisors.add(Math.abs(divisor));
		else handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
		const [first, ...rest] = divisors;
		if (first !== void 0) json.multipleOf = first;
		if (rest.length) json.allOf = [...json.allOf ?? [], ...rest.map((m) => ({ multipleOf: m }))];
	}
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
	json.type = "boolean";
};
const neverProcessor = (_schema, _ctx, json, _params) => {
	json.not = {};
};
const enumProcessor = (schema, _ctx, json, _params) => {
	const def = schema._zod.def;
	const values = getEnumValues(def.entries);
	if (values.length === 0) {
		json.not = {};
		return;
	}
	if (values.every((v) => typeof v === "number")) json.type = "number";
	if (values.every((v) => typeof v === "string")) json.type = "string";
	json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	if (def.values.length === 0) {
		json.not = {};
		return;
	}
	const vals = [];
	for (const val of def.values) if (val === void 0) {
		if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema")) return;
	} else if (typeof val === "bigint") {
		if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema")) return;
		vals.push(Number(val));
	} else vals.push(val);
	if (vals.length === 0) {} else if (vals.length === 1) {
		const val = vals[0];
		json.type = val === null ? "null" : typeof val;
		if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") json.enum = [val];
		else json.const = val;
	} else {
		if (vals.every((v) => typeof v === "number")) json.type = "number";
		if (vals.every((v) => typeof v === "string")) json.type = "string";
		if (vals.every((v) => typeof v === "boolean")) json.type = "boolean";
		if (vals.every((v) => v === null)) json.type = "null";
		json.enum = vals;
	}
};
const customProcessor = (schema, ctx, json, params) => {
	handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
	handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
const arrayProcessor = (schema, ctx, _json, params) => {
	const json = _json;
	const def = schema._zod.def;
	const { minimum, maximum } = aggregateChecks(schema);
	if (typeof minimum === "number") json.minItems = minimum;
	if (typeof maximum === "number") json.maxItems = maximum;
	json.type = "array";
	json.items = processSchema(def.element, ctx, {
		...params,
		path: [...params.path, "items"]
	});
};
function inputOptin(schema) {
	const def = schema._zod.def;
	if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) return inputOptin(def.out);
	if (def.type === "catch") return inputOptin(def.innerType);
	return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
	const json = _json;
	const def = schema._zod.def;
	const shape = def.shape;
	if (Object.getOwnPropertySymbols(shape).length && handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) return;
	json.type = "object";
	json.properties = {};
	for (const key in shape) assignProp(json.properties, key, processSchema(shape[key], ctx, {
		...params,
		path: [
			...params.path,
			"properties",
			key
		]
	}));
	const requiredKeys = [];
	for (const key of Object.keys(shape)) {
		const field = def.shape[key];
		if (ctx.io === "input" ? inputOptin(field) === void 0 : field._zod.optout === void 0) requiredKeys.push(key);
	}
	if (requiredKeys.length > 0) json.required = requiredKeys;
	if (def.catchall?._zod.def.type === "never") json.additionalProperties = false;
	else if (!def.catchall) {
		if (ctx.io === "output") json.additionalProperties = false;
	} else if (def.catchall) json.additionalProperties = processSchema(def.catchall, ctx, {
		...params,
		path: [...params.path, "additionalProperties"]
	});
};
const unionProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	const isExclusive = def.inclusive === false;
	const options = def.options.map((x, i) => processSchema(x, ctx, {
		...params,
		path: [
			...params.path,
			isExclusive ? "oneOf" : "anyOf",
			i
		]
	}));
	if (isExclusive) json.oneOf = options;
	else json.anyOf = options;
};
const intersectionProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	const a = processSchema(def.left, ctx, {
		...params,
		path: [
			...params.path,
			"allOf",
			0
		]
	});
	const b = processSchema(def.right, ctx, {
		...params,
		path: [
			...params.path,
			"allOf",
			1
		]
	});
	const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
	const allOf = [...isSimpleIntersection(a) ? a.allOf : [a], ...isSimpleIntersection(b) ? b.allOf : [b]];
	json.allOf = allOf;
	ctx.intersections.push(allOf);
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
* numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
* behind a wrapper only carries its own `type` before then, and a union key only has its branches.
*
* A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
* than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
* exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
* accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
* outright. */
function stringifyKeyNames(bySchema, json, visited) {
	if (json.$ref) {
		if (visited.has(json)) return json;
		visited.add(json);
		const def = bySchema.get(json)?.def;
		if (!def) return json;
		const inlined = stringifyKeyNames(bySchema, def, visited);
		return inlined === def ? json : inlined;
	}
	for (const keyword of ["anyOf", "oneOf"]) {
		const branches = json[keyword];
		if (!Array.isArray(branches)) continue;
		const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
		if (mapped.some((branch, i) => branch !== branches[i])) json = {
			...json,
			[keyword]: mapped
		};
	}
	const types = Array.isArray(json.type) ? json.type : [json.type];
	const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
	const values = json.enum ?? (json.const !== void 0 ? [json.const] : void 0);
	if (!numericType && !values?.some((v) => typeof v === "number")) return json;
	const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
	if (rest.enum) rest.enum = rest.enum.map((v) => typeof v === "number" ? String(v) : v);
	else if (typeof rest.const === "number") rest.const = String(rest.const);
	if (!numericType) return rest;
	rest.type = "string";
	if (!values) rest.pattern = (types.includes("number") ? number$1 : integer).source;
	return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = /* @__PURE__ */ new WeakMap();
function rewriteKeyNames(ctx) {
	const bySchema = /* @__PURE__ */ new Map();
	for (const entry of ctx.seen.values()) if (entry.def && !bySchema.has(entry.schema)) bySchema.set(entry.schema, entry);
	const rewrites = /* @__PURE__ */ new Map();
	for (const record of pendingRecords.get(ctx) ?? []) {
		const seen = ctx.seen.get(record);
		const names = (seen?.def ?? seen?.schema)?.propertyNames;
		if (!names || names === true || rewrites.has(names)) continue;
		const rewritten = stringifyKeyNames(bySchema, names, /* @__PURE__ */ new Set());
		if (rewritten !== names) rewrites.set(names, rewritten);
	}
	if (!rewrites.size) return;
	for (const entry of ctx.seen.values()) for (const carrier of [entry.schema, entry.def]) {
		const rewritten = carrier && rewrites.get(carrier.propertyNames);
		if (rewritten) carrier.propertyNames = rewritten;
	}
}
const recordProcessor = (schema, ctx, _json, params) => {
	const json = _json;
	const def = schema._zod.def;
	json.type = "object";
	const keyType = def.keyType;
	const patterns = aggregateChecks(keyType).patterns;
	if (def.mode === "loose" && patterns && patterns.size > 0) {
		const valueSchema = processSchema(def.valueType, ctx, {
			...params,
			path: [
				...params.path,
				"patternProperties",
				"*"
			]
		});
		json.patternProperties = {};
		for (const pattern of patterns) assignProp(json.patternProperties, exactPattern(pattern).source, valueSchema);
	} else {
		if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
			json.propertyNames = processSchema(def.keyType, ctx, {
				...params,
				path: [...params.path, "propertyNames"]
			});
			let pending = pendingRecords.get(ctx);
			if (!pending) {
				pending = [];
				pendingRecords.set(ctx, pending);
				ctx.deferred.push(() => rewriteKeyNames(ctx));
			}
			pending.push(schema);
		}
		json.additionalProperties = processSchema(def.valueType, ctx, {
			...params,
			path: [...params.path, "additionalProperties"]
		});
	}
	const keyValues = keyType._zod.values;
	const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== void 0;
	if (keyValues && !def.partial && !omittableOnInput) {
		const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
		if (validKeyValues.length > 0) json.required = validKeyValues.map(String);
	}
};
const nullableProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	const inner = processSchema(def.innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	if (ctx.target === "openapi-3.0") {
		seen.ref = def.innerType;
		json.nullable = true;
	} else json.anyOf = [inner, { type: "null" }];
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
	const def = schema._zod.def;
	processSchema(def.innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
* A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
* unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
	let unrepresentable = false;
	const serialized = JSON.stringify(value, (_, val) => {
		if (typeof val !== "bigint") return val;
		unrepresentable = true;
		return null;
	});
	if (!unrepresentable) return JSON.parse(serialized);
	handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
	return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	processSchema(def.innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	seen.ref = def.innerType;
	const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
	if (value !== UNREPRESENTABLE_DEFAULT) json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	processSchema(def.innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	seen.ref = def.innerType;
	if (ctx.io !== "input") return;
	const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
	if (value !== UNREPRESENTABLE_DEFAULT) json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	processSchema(def.innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	seen.ref = def.innerType;
	let catchValue;
	try {
		catchValue = def.catchValue(void 0);
	} catch {
		handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
		return;
	}
	json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
	const def = schema._zod.def;
	const inIsTransform = def.in._zod.traits.has("$ZodTransform");
	const innerType = ctx.io === "input" ? inIsTransform ? def.out : def.in : def.out;
	processSchema(innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
	const def = schema._zod.def;
	processSchema(def.innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	seen.ref = def.innerType;
	json.readOnly = true;
};
const optionalProcessor = (schema, ctx, _json, params) => {
	const def = schema._zod.def;
	processSchema(def.innerType, ctx, params);
	const seen = ctx.seen.get(schema);
	seen.ref = def.innerType;
};
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/errors.js
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
function _lazyMethod(proto, key, make) {
	Object.defineProperty(proto, key, {
		configurable: true,
		enumerable: false,
		get() {
			const value = make(this);
			Object.defineProperty(this, key, {
				value,
				configurable: true,
				writable: true
			});
			return value;
		},
		set(value) {
			Object.defineProperty(this, key, {
				value,
				configurable: true,
				writable: true
			});
		}
	});
}
const initializer = (inst, issues) => {
	$ZodError.init(inst, issues);
	inst.name = "ZodError";
	const proto = Object.getPrototypeOf(inst);
	if (_installedErrorProtos.has(proto)) return;
	_installedErrorProtos.add(proto);
	_lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
	_lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
	_lazyMethod(proto, "addIssue", (self) => (issue) => {
		self.issues.push(issue);
		self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
	});
	_lazyMethod(proto, "addIssues", (self) => (issues) => {
		self.issues.push(...issues);
		self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
	});
	Object.defineProperty(proto, "isEmpty", {
		configurable: true,
		enumerable: false,
		get() {
			return this.issues.length === 0;
		}
	});
};
const ZodRealError = /*@__PURE__*/ $constructor("ZodError", initializer, void 0, { Parent: Error });
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/parse.js
const parse = /* @__PURE__ */ _parse(ZodRealError);
const parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
const safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
const safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);
const encode = /* @__PURE__ */ _encode(ZodRealError);
const decode = /* @__PURE__ */ _decode(ZodRealError);
const encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
const decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
const safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
const safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
const safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
const safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);
// ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/schemas.js
function _ensureDefaultLocale() {
	if (!globalConfig.localeError) config(en_default());
}
function _ensureDefaultMemoizer() {
	if (!globalConfig.memoizer) config({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ $constructor("ZodType", (inst, def) => {
	_ensureDefaultLocale();
	$ZodType.init(inst, def);
	inst.def = def;
	inst.type = def.type;
	return inst;
}, {
	check(...chks) {
		const def = this.def;
		return this.clone(mergeDefs(def, { checks: [...def.checks ?? [], ...chks.map((ch) => typeof ch === "function" ? { _zod: {
			check: ch,
			def: { check: "custom" },
			onattach: []
		} } : ch)] }), { parent: true });
	},
	with(...chks) {
		return this.check(...chks);
	},
	clone(def, params) {
		return clone(this, def, params);
	},
	brand() {
		return this;
	},
	register(reg, meta) {
		reg.add(this, meta);
		return this;
	},
	refine(check, params) {
		return this.check(refine(check, params));
	},
	superRefine(refinement, params) {
		return this.check(superRefine(refinement, params));
	},
	overwrite(fn) {
		return this.check(/* @__PURE__ */ _overwrite(fn));
	},
	optional() {
		return optional(this);
	},
	exactOptional() {
		return exactOptional(this);
	},
	nullable() {
		return nullable(this);
	},
	nullish() {
		return optional(nullable(this));
	},
	nonoptional(params) {
		return nonoptional(this, params);
	},
	array() {
		return array(this);
	},
	or(arg) {
		return union([this, arg]);
	},
	and(arg) {
		return intersection(this, arg);
	},
	transform(tx) {
		return pipe(this, transform(tx));
	},
	default(d) {
		return _default(this, d);
	},
	prefault(d) {
		return prefault(this, d);
	},
	catch(params) {
		return _catch(this, params);
	},
	pipe(target) {
		return pipe(this, target);
	},
	readonly() {
		return readonly(this);
	},
	describe(description) {
		const cl = this.clone();
		globalRegistry.add(cl, { description });
		return cl;
	},
	meta(...args) {
		if (args.length === 0) return globalRegistry.get(this);
		const cl = this.clone();
		globalRegistry.add(cl, args[0]);
		return cl;
	},
	isOptional() {
		return this.safeParse(void 0).success;
	},
	isNullable() {
		return this.safeParse(null).success;
	},
	apply(fn, ...args) {
		return args.length === 0 ? fn(this) : fn(this, ...args);
	},
	get "~standard"() {
		return hide(this, "~standard", {
			...standardProps(this),
			jsonSchema: {
				input: createStandardJSONSchemaMethod(this, "input"),
				output: createStandardJSONSchemaMethod(this, "output")
			}
		});
	},
	set "~standard"(value) {
		own(this, "~standard", value);
	},
	parse: function _parse(data, params) {
		return parse(this, data, params, { callee: _parse });
	},
	parseAsync: async function _parseAsync(data, params) {
		return await parseAsync(this, data, params, { callee: _parseAsync });
	},
	safeParse(data, params) {
		return safeParse(this, data, params);
	},
	async safeParseAsync(data, params) {
		return safeParseAsync(this, data, params);
	},
	get spa() {
		return this?.safeParseAsync;
	},
	set spa(value) {
		own(this, "spa", value);
	},
	validate(data, params) {
		return validate(this, data, params);
	},
	validateAsync(data, params) {
		return validateAsync$1(this, data, params);
	},
	encode: function _encode(data, params) {
		return encode(this, data, params, { callee: _encode });
	},
	decode: function _decode(data, params) {
		return decode(this, data, params, { callee: _decode });
	},
	encodeAsync: async function _encodeAsync(data, params) {
		return await encodeAsync(this, data, params, { callee: _encodeAsync });
	},
	decodeAsync: async function _decodeAsync(data, params) {
		return await decodeAsync(this, data, params, { callee: _decodeAsync });
	},
	safeEncode(data, params) {
		return safeEncode(this, data, params);
	},
	safeDecode(data, params) {
		return safeDecode(this, data, params);
	},
	async safeEncodeAsync(data, params) {
		return safeEncodeAsync(this, data, params);
	},
	async safeDecodeAsync(data, params) {
		return safeDecodeAsync(this, data, params);
	},
	toJSONSchema(params) {
		return createToJSONSchemaMethod(this, {})(params);
	},
	get description() {
		return globalRegistry.get(this)?.description;
	},
	get _def() {
		return this._zod.def;
	}
});
/** @internal */
const _ZodString = /*@__PURE__*/ $constructor("_ZodString", (inst, def) => {
	$ZodString.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json, params);
}, /*@__PURE__*/ derived({
	format: (inst) => aggregateChecks(inst).format ?? null,
	minLength: (inst) => aggregateChecks(inst).minimum ?? null,
	maxLength: (inst) => aggregateChecks(inst).maximum ?? null
}, {
	regex(...args) {
		return this.check(/* @__PURE__ */ _regex(...args));
	},
	includes(...args) {
		return this.check(/* @__PURE__ */ _includes(...args));
	},
	startsWith(...args) {
		return this.check(/* @__PURE__ */ _startsWith(...args));
	},
	endsWith(...args) {
		return this.check(/* @__PURE__ */ _endsWith(...args));
	},
	min(...args) {
		return this.check(/* @__PURE__ */ _minLength(...args));
	},
	max(...args) {
		return this.check(/* @__PURE__ */ _maxLength(...args));
	},
	length(...args) {
		return this.check(/* @__PURE__ */ _length(...args));
	},
	nonempty(...args) {
		return this.check(/* @__PURE__ */ _minLength(1, ...args));
	},
	lowercase(params) {
		return this.check(/* @__PURE__ */ _lowercase(params));
	},
	uppercase(params) {
		return this.check(/* @__PURE__ */ _uppercase(params));
	},
	trim() {
		return this.check(/* @__PURE__ */ _trim());
	},
	normalize(...args) {
		return this.check(/* @__PURE__ */ _normalize(...args));
	},
	toLowerCase() {
		return this.check(/* @__PURE__ */ _toLowerCase());
	},
	toUpperCase() {
		return this.check(/* @__PURE__ */ _toUpperCase());
	},
	slugify() {
		return this.check(/* @__PURE__ */ _slugify());
	}
}));
const ZodString = /*@__PURE__*/ $constructor("ZodString", (inst, def) => {
	$ZodString.init(inst, def);
	_ZodString.init(inst, def);
}, {
	email(params) {
		return this.check(/* @__PURE__ */ _email(ZodEmail, params));
	},
	url(params) {
		return this.check(/* @__PURE__ */ _url(ZodURL, params));
	},
	jwt(params) {
		return this.check(/* @__PURE__ */ _jwt(ZodJWT, params));
	},
	emoji(params) {
		return this.check(/* @__PURE__ */ _emoji(ZodEmoji, params));
	},
	guid(params) {
		return this.check(/* @__PURE__ */ _guid(ZodGUID, params));
	},
	uuid(params) {
		return this.check(/* @__PURE__ */ _uuid(ZodUUID, params));
	},
	uuidv4(params) {
		return this.check(/* @__PURE__ */ _uuidv4(ZodUUID, params));
	},
	uuidv6(params) {
		return this.check(/* @__PURE__ */ _uuidv6(ZodUUID, params));
	},
	uuidv7(params) {
		return this.check(/* @__PURE__ */ _uuidv7(ZodUUID, params));
	},
	nanoid(params) {
		return this.check(/* @__PURE__ */ _nanoid(ZodNanoID, params));
	},
	cuid(params) {
		return this.check(/* @__PURE__ */ _cuid(ZodCUID, params));
	},
	cuid2(params) {
		return this.check(/* @__PURE__ */ _cuid2(ZodCUID2, params));
	},
	ulid(params) {
		return this.check(/* @__PURE__ */ _ulid(ZodULID, params));
	},
	base64(params) {
		return this.check(/* @__PURE__ */ _base64(ZodBase64, params));
	},
	base64url(params) {
		return this.check(/* @__PURE__ */ _base64url(ZodBase64URL, params));
	},
	xid(params) {
		return this.check(/* @__PURE__ */ _xid(ZodXID, params));
	},
	ksuid(params) {
		return this.check(/* @__PURE__ */ _ksuid(ZodKSUID, params));
	},
	ipv4(params) {
		return this.check(/* @__PURE__ */ _ipv4(ZodIPv4, params));
	},
	ipv6(params) {
		return this.check(/* @__PURE__ */ _ipv6(ZodIPv6, params));
	},
	cidrv4(params) {
		return this.check(/* @__PURE__ */ _cidrv4(ZodCIDRv4, params));
	},
	cidrv6(params) {
		return this.check(/* @__PURE__ */ _cidrv6(ZodCIDRv6, params));
	},
	e164(params) {
		return this.check(/* @__PURE__ */ _e164(ZodE164, params));
	},
	datetime(params) {
		return this.check(/* @__PURE__ */ _isoDateTime(ZodISODateTime, params));
	},
	date(params) {
		return this.check(/* @__PURE__ */ _isoDate(ZodISODate, params));
	},
	time(params) {
		return this.check(/* @__PURE__ */ _isoTime(ZodISOTime, params));
	},
	duration(params) {
		return this.check(/* @__PURE__ */ _isoDuration(ZodISODuration, params));
	}
});
function string(params) {
	return /* @__PURE__ */ _string(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ $constructor("ZodStringFormat", (inst, def) => {
	$ZodStringFormat.init(inst, def);
	_ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ $constructor("ZodISODateTime", (inst, def) => {
	$ZodISODateTime.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodISODate = /*@__PURE__*/ $constructor("ZodISODate", (inst, def) => {
	$ZodISODate.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodISOTime = /*@__PURE__*/ $constructor("ZodISOTime", (inst, def) => {
	$ZodISOTime.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodISODuration = /*@__PURE__*/ $constructor("ZodISODuration", (inst, def) => {
	$ZodISODuration.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ $constructor("ZodEmail", (inst, def) => {
	$ZodEmail.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodGUID = /*@__PURE__*/ $constructor("ZodGUID", (inst, def) => {
	$ZodGUID.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodUUID = /*@__PURE__*/ $constructor("ZodUUID", (inst, def) => {
	$ZodUUID.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodURL = /*@__PURE__*/ $constructor("ZodURL", (inst, def) => {
	$ZodURL.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodEmoji = /*@__PURE__*/ $constructor("ZodEmoji", (inst, def) => {
	$ZodEmoji.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodNanoID = /*@__PURE__*/ $constructor("ZodNanoID", (inst, def) => {
	$ZodNanoID.init(inst, def);
	ZodStringFormat.init(inst, def);
});
/**
* @deprecated CUID v1 is deprecated by its authors due to information leakage
* (timestamps embedded in the id). Use {@link ZodCUID2} instead.
* See https://github.com/paralleldrive/cuid.
*/
const ZodCUID = /*@__PURE__*/ $constructor("ZodCUID", (inst, def) => {
	$ZodCUID.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodCUID2 = /*@__PURE__*/ $constructor("ZodCUID2", (inst, def) => {
	$ZodCUID2.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodULID = /*@__PURE__*/ $constructor("ZodULID", (inst, def) => {
	$ZodULID.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodXID = /*@__PURE__*/ $constructor("ZodXID", (inst, def) => {
	$ZodXID.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodKSUID = /*@__PURE__*/ $constructor("ZodKSUID", (inst, def) => {
	$ZodKSUID.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodIPv4 = /*@__PURE__*/ $constructor("ZodIPv4", (inst, def) => {
	$ZodIPv4.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodIPv6 = /*@__PURE__*/ $constructor("ZodIPv6", (inst, def) => {
	$ZodIPv6.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodCIDRv4 = /*@__PURE__*/ $constructor("ZodCIDRv4", (inst, def) => {
	$ZodCIDRv4.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodCIDRv6 = /*@__PURE__*/ $constructor("ZodCIDRv6", (inst, def) => {
	$ZodCIDRv6.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodBase64 = /*@__PURE__*/ $constructor("ZodBase64", (inst, def) => {
	$ZodBase64.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodBase64URL = /*@__PURE__*/ $constructor("ZodBase64URL", (inst, def) => {
	$ZodBase64URL.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodE164 = /*@__PURE__*/ $constructor("ZodE164", (inst, def) => {
	$ZodE164.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodJWT = /*@__PURE__*/ $constructor("ZodJWT", (inst, def) => {
	$ZodJWT.init(inst, def);
	ZodStringFormat.init(inst, def);
});
const ZodNumber = /*@__PURE__*/ $constructor("ZodNumber", (inst, def) => {
	$ZodNumber.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
	inst.isFinite = true;
}, /*@__PURE__*/ derived({
	minValue: (inst) => {
		const { minimum, exclusiveMinimum } = aggregateChecks(inst);
		return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
	},
	maxValue: (inst) => {
		const { maximum, exclusiveMaximum } = aggregateChecks(inst);
		return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
	},
	isInt: (inst) => {
		const { isInt, multipleOf } = aggregateChecks(inst);
		return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
	},
	format: (inst) => aggregateChecks(inst).format ?? null
}, {
	gt(value, params) {
		return this.check(/* @__PURE__ */ _gt(value, params));
	},
	gte(value, params) {
		return this.check(/* @__PURE__ */ _gte(value, params));
	},
	min(value, params) {
		return this.check(/* @__PURE__ */ _gte(value, params));
	},
	lt(value, params) {
		return this.check(/* @__PURE__ */ _lt(value, params));
	},
	lte(value, params) {
		return this.check(/* @__PURE__ */ _lte(value, params));
	},
	max(value, params) {
		return this.check(/* @__PURE__ */ _lte(value, params));
	},
	int(params) {
		return this.check(int(params));
	},
	safe(params) {
		return this.check(int(params));
	},
	positive(params) {
		return this.check(/* @__PURE__ */ _gt(0, params));
	},
	nonnegative(params) {
		return this.check(/* @__PURE__ */ _gte(0, params));
	},
	negative(params) {
		return this.check(/* @__PURE__ */ _lt(0, params));
	},
	nonpositive(params) {
		return this.check(/* @__PURE__ */ _lte(0, params));
	},
	multipleOf(value, params) {
		return this.check(/* @__PURE__ */ _multipleOf(value, params));
	},
	step(value, params) {
		return this.check(/* @__PURE__ */ _multipleOf(value, params));
	},
	finite() {
		return this;
	}
}));
function number(params) {
	return /* @__PURE__ */ _number(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ $constructor("ZodNumberFormat", (inst, def) => {
	$ZodNumberFormat.init(inst, def);
	ZodNumber.init(inst, def);
});
function int(params) {
	return /* @__PURE__ */ _int(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ $constructor("ZodBoolean", (inst, def) => {
	$ZodBoolean.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => booleanProcessor(inst, ctx, json, params);
});
function boolean(params) {
	return /* @__PURE__ */ _boolean(ZodBoolean, params);
}
const ZodUnknown = /*@__PURE__*/ $constructor("ZodUnknown", (inst, def) => {
	$ZodUnknown.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => void 0;
});
function unknown() {
	return /* @__PURE__ */ _unknown(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ $constructor("ZodNever", (inst, def) => {
	$ZodNever.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json, params);
});
function never(params) {
	return /* @__PURE__ */ _never(ZodNever, params);
}
const ZodArray = /*@__PURE__*/ $constructor("ZodArray", (inst, def) => {
	_ensureDefaultMemoizer();
	$ZodArray.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
	inst.element = def.element;
}, {
	min(n, params) {
		return this.check(/* @__PURE__ */ _minLength(n, params));
	},
	nonempty(params) {
		return this.check(/* @__PURE__ */ _minLength(1, params));
	},
	max(n, params) {
		return this.check(/* @__PURE__ */ _maxLength(n, params));
	},
	length(n, params) {
		return this.check(/* @__PURE__ */ _length(n, params));
	},
	unwrap() {
		return this.element;
	}
});
function array(element, params) {
	return /* @__PURE__ */ _array(ZodArray, element, params);
}
const ZodObject = /*@__PURE__*/ $constructor("ZodObject", (inst, def) => {
	_ensureDefaultMemoizer();
	$ZodObjectJIT.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
	installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
}, {
	keyof() {
		return _enum(Object.keys(this._zod.def.shape));
	},
	catchall(catchall) {
		return this.clone(mergeDefs(this._zod.def, { catchall }));
	},
	passthrough() {
		return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
	},
	loose() {
		return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
	},
	strict() {
		return this.clone(mergeDefs(this._zod.def, { catchall: never() }));
	},
	strip() {
		return this.clone(mergeDefs(this._zod.def, { catchall: void 0 }));
	},
	extend(incoming) {
		return extend(this, incoming);
	},
	safeExtend(incoming) {
		return safeExtend(this, incoming);
	},
	merge(other) {
		return merge(this, other);
	},
	pick(mask) {
		return pick$1(this, mask);
	},
	omit(mask) {
		return omit(this, mask);
	},
	partial(...args) {
		return partial(ZodOptional, this, args[0]);
	},
	exactPartial(...args) {
		return partial(ZodExactOptional, this, args[0], "exactPartial");
	},
	required(...args) {
		return required(ZodNonOptional, this, args[0]);
	}
});
function object(shape, params) {
	const def = {
		type: "object",
		shape: shape ?? {},
		...normalizeParams(params)
	};
	return new ZodObject(def);
}
function looseObject(shape, params) {
	return new ZodObject({
		type: "object",
		shape,
		catchall: unknown(),
		...normalizeParams(params)
	});
}
const ZodUnion = /*@__PURE__*/ $constructor("ZodUnion", (inst, def) => {
	$ZodUnion.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
	inst.options = def.options;
});
function union(options, params) {
	return new ZodUnion({
		type: "union",
		options,
		...normalizeParams(params)
	});
}
const ZodIntersection = /*@__PURE__*/ $constructor("ZodIntersection", (inst, def) => {
	$ZodIntersection.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
	return new ZodIntersection({
		type: "intersection",
		left,
		right
	});
}
const ZodRecord = /*@__PURE__*/ $constructor("ZodRecord", (inst, def) => {
	_ensureDefaultMemoizer();
	$ZodRecord.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => recordProcessor(inst, ctx, json, params);
	inst.keyType = def.keyType;
	inst.valueType = def.valueType;
});
function record(keyType, valueType, params) {
	if (!valueType || !valueType._zod) return new ZodRecord({
		type: "record",
		keyType: string(),
		valueType: keyType,
		...normalizeParams(valueType)
	});
	return new ZodRecord({
		type: "record",
		keyType,
		valueType,
		...normalizeParams(params)
	});
}
const ZodEnum = /*@__PURE__*/ $constructor("ZodEnum", (inst, def) => {
	$ZodEnum.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json, params);
	inst.enum = def.entries;
	inst.options = [...inst._zod.values];
	const keys = new Set(Object.keys(def.entries));
	inst.extract = (values, params) => {
		const newEntries = {};
		for (const value of values) if (keys.has(value)) newEntries[value] = def.entries[value];
		else throw new Error(`Key ${value} not found in enum`);
		return new ZodEnum({
			...def,
			checks: [],
			...normalizeParams(params),
			entries: newEntries
		});
	};
	inst.exclude = (values, params) => {
		const newEntries = { ...def.entries };
		for (const value of values) if (keys.has(value)) delete newEntries[value];
		else throw new Error(`Key ${value} not found in enum`);
		return new ZodEnum({
			...def,
			checks: [],
			...normalizeParams(params),
			entries: newEntries
		});
	};
});
function _enum(values, params) {
	const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
	return new ZodEnum({
		type: "enum",
		entries,
		...normalizeParams(params)
	});
}
const ZodLiteral = /*@__PURE__*/ $constructor("ZodLiteral", (inst, def) => {
	$ZodLiteral.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
	inst.values = new Set(def.values);
	Object.defineProperty(inst, "value", { get() {
		if (def.values.length > 1) throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
		return def.values[0];
	} });
});
function literal(value, params) {
	return new ZodLiteral({
		type: "literal",
		values: Array.isArray(value) ? value : [value],
		...normalizeParams(params)
	});
}
const ZodTransform = /*@__PURE__*/ $constructor("ZodTransform", (inst, def) => {
	_ensureDefaultMemoizer();
	$ZodTransform.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
	inst._zod.parse = (payload, _ctx) => {
		if (_ctx.direction === "backward") throw new $ZodEncodeError(inst.constructor.name);
		payload.addIssue = (issue$1) => {
			if (typeof issue$1 === "string") payload.issues.push(issue(issue$1, payload.value, def));
			else {
				const _issue = issue$1;
				if (_issue.fatal) _issue.continue = false;
				_issue.code ?? (_issue.code = "custom");
				if (!("input" in _issue)) _issue.input = payload.value;
				_issue.inst ?? (_issue.inst = inst);
				payload.issues.push(issue(_issue));
			}
		};
		const output = def.transform(payload.value, payload);
		if (output instanceof Promise) return output.then((output) => {
			payload.value = output;
			return payload;
		});
		payload.value = output;
		return payload;
	};
});
function transform(fn) {
	return new ZodTransform({
		type: "transform",
		transform: fn
	});
}
const ZodOptional = /*@__PURE__*/ $constructor("ZodOptional", (inst, def) => {
	$ZodOptional.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
	return new ZodOptional({
		type: "optional",
		innerType
	});
}
const ZodExactOptional = /*@__PURE__*/ $constructor("ZodExactOptional", (inst, def) => {
	$ZodExactOptional.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
	return new ZodExactOptional({
		type: "optional",
		innerType
	});
}
const ZodNullable = /*@__PURE__*/ $constructor("ZodNullable", (inst, def) => {
	$ZodNullable.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
	return new ZodNullable({
		type: "nullable",
		innerType
	});
}
const ZodDefault = /*@__PURE__*/ $constructor("ZodDefault", (inst, def) => {
	$ZodDefault.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
	inst.removeDefault = inst.unwrap;
});
function _default(innerType, defaultValue) {
	return new ZodDefault({
		type: "default",
		innerType,
		get defaultValue() {
			return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
		}
	});
}
const ZodPrefault = /*@__PURE__*/ $constructor("ZodPrefault", (inst, def) => {
	$ZodPrefault.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
	return new ZodPrefault({
		type: "prefault",
		innerType,
		get defaultValue() {
			return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
		}
	});
}
const ZodNonOptional = /*@__PURE__*/ $constructor("ZodNonOptional", (inst, def) => {
	$ZodNonOptional.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
	return new ZodNonOptional({
		type: "nonoptional",
		innerType,
		...normalizeParams(params)
	});
}
const ZodCatch = /*@__PURE__*/ $constructor("ZodCatch", (inst, def) => {
	$ZodCatch.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
	inst.removeCatch = inst.unwrap;
});
function _catch(innerType, catchValue) {
	return new ZodCatch({
		type: "catch",
		innerType,
		catchValue: typeof catchValue === "function" ? catchValue : constantCatch(catchValue)
	});
}
const ZodPipe = /*@__PURE__*/ $constructor("ZodPipe", (inst, def) => {
	$ZodPipe.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
	inst.in = def.in;
	inst.out = def.out;
});
function pipe(in_, out) {
	return new ZodPipe({
		type: "pipe",
		in: in_,
		out
	});
}
const ZodReadonly = /*@__PURE__*/ $constructor("ZodReadonly", (inst, def) => {
	$ZodReadonly.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
	inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
	return new ZodReadonly({
		type: "readonly",
		innerType
	});
}
const ZodCustom = /*@__PURE__*/ $constructor("ZodCustom", (inst, def) => {
	$ZodCustom.init(inst, def);
	ZodType.init(inst, def);
	inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
function refine(fn, _params = {}) {
	return /* @__PURE__ */ _refine(ZodCustom, fn, _params);
}
function superRefine(fn, params) {
	return /* @__PURE__ */ _superRefine(fn, params);
}
Object.values({
	LOGIN_WITH_GOOGLE: "oauth-personal",
	USE_GEMINI: "gemini-api-key",
	USE_VERTEX_AI: "vertex-ai",
	CLOUD_SHELL: "cloud-shell",
	USE_OPENAI: "openai",
	USE_OLLAMA: "ollama",
	USE_LM_STUDIO: "lm-studio"
});
/**
* The stable catalogue of `SAMUS_ERR_*` codes. Each code has a default fix hint (a sentence for the person
* reading the error) and says whether retrying the same request may succeed. `docs/errors.md` lists every
* code; a test keeps the two in sync.
*/
const ERROR_CODES = {
	SAMUS_ERR_PLUGIN_SPEC_VERSION: {
		retryable: false,
		hint: "Install a version of the plugin package built for this @samus/kernel (same specificationVersion)."
	},
	SAMUS_ERR_PLUGIN_DUPLICATE: {
		retryable: false,
		hint: "Register each plugin once; two copies of the same provider package may be installed (check `pnpm why`)."
	},
	SAMUS_ERR_PLUGIN_DEPENDENCY: {
		retryable: false,
		hint: "Register the plugins this one depends on first."
	},
	SAMUS_ERR_PLUGIN_NOT_REGISTERED: {
		retryable: false,
		hint: "Install and register the provider package for this auth type, e.g. `kernel.register(ollamaPlugin)`."
	},
	SAMUS_ERR_PLUGIN_LOAD: {
		retryable: false,
		hint: "The plugin module failed to import: reinstall the provider package and check its peer dependencies."
	},
	SAMUS_ERR_INVALID_CONFIG: {
		retryable: false,
		hint: "Fix the listed options or environment variables."
	},
	SAMUS_ERR_SERVER_NOT_RUNNING: {
		retryable: true,
		hint: "Start the server, or point the base URL at the machine and port where it listens."
	},
	SAMUS_ERR_WRONG_BASE_URL: {
		retryable: false,
		hint: "The base URL reaches a server, but not the expected API: check host, port and path."
	},
	SAMUS_ERR_MODEL_NOT_FOUND: {
		retryable: false,
		hint: "Use a model the server has (list them with `samus models`), or download it first."
	},
	SAMUS_ERR_MODEL_NOT_LOADED: {
		retryable: false,
		hint: "Load the model on the server first, or enable just-in-time loading."
	},
	SAMUS_ERR_CAPABILITY_MISSING: {
		retryable: false,
		hint: "Pick a model with this capability, or leave the feature out of the request."
	},
	SAMUS_ERR_INSUFFICIENT_MEMORY: {
		retryable: false,
		hint: "Use a smaller model or quantisation, a smaller context window, or unload other models."
	},
	SAMUS_ERR_CONTEXT_OVERFLOW: {
		retryable: false,
		hint: "Shorten the prompt or raise the context window (for Ollama: `numCtx`)."
	},
	SAMUS_ERR_UNAUTHORIZED: {
		retryable: false,
		hint: "Set the API key or token the server expects (for example LM_API_TOKEN or OPENAI_API_KEY)."
	},
	SAMUS_ERR_RATE_LIMITED: {
		retryable: true,
		hint: "Send fewer requests at once, or wait and retry."
	},
	SAMUS_ERR_TIMEOUT: {
		retryable: true,
		hint: "Raise the timeout for the phase named in the message (a first request may have to load the model)."
	},
	SAMUS_ERR_ABORTED: {
		retryable: false,
		hint: "The request was cancelled by its caller; nothing to fix unless that was unintended."
	},
	SAMUS_ERR_INVALID_REQUEST: {
		retryable: false,
		hint: "The server rejected the request: check the parameters named in the message."
	},
	SAMUS_ERR_INVALID_RESPONSE: {
		retryable: false,
		hint: "The server sent something that is not a valid response for this API: check the base URL and server version."
	},
	SAMUS_ERR_SERVER_ERROR: {
		retryable: true,
		hint: "The server failed internally: check its log, then retry."
	},
	SAMUS_ERR_STREAM_INTERRUPTED: {
		retryable: false,
		hint: "The connection broke after output had started; the partial text is attached. Retry the request."
	},
	SAMUS_ERR_NO_HEALTHY_SERVER: {
		retryable: true,
		hint: "No server that has this model is healthy: start one, or check `samus discover`."
	},
	SAMUS_ERR_OPERATION_FAILED: {
		retryable: false,
		hint: "A model operation (pull, load, delete) failed on the server: see the message and the server log."
	}
};
/** Every error code, in catalogue order. */
const ERROR_CODE_LIST = Object.keys(ERROR_CODES);
const MARKER = Symbol.for("samus.error");
/**
* The one error class of @samus. `code` is stable; `message` says what happened, `hint` what to do.
* Identity works across duplicate package copies: use {@link SamusError.is}.
*/
var SamusError = class extends Error {
	name = "SamusError";
	code;
	hint;
	retryable;
	details;
	[MARKER] = true;
	constructor(code, message, options = {}) {
		super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
		this.code = code;
		this.hint = options.hint ?? ERROR_CODES[code].hint;
		this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
		this.details = options.details ?? {};
	}
	/** True when `value` is a SamusError (from any copy of the package), optionally with the given code. */
	static is(value, code) {
		return typeof value === "object" && value !== null && value[MARKER] === true && (code === void 0 || value.code === code);
	}
	/** `message` followed by the hint, as shown to a person. */
	toDisplayString() {
		return `${this.message}\n  hint: ${this.hint}`;
	}
	toJSON() {
		return {
			name: this.name,
			code: this.code,
			message: this.message,
			hint: this.hint,
			retryable: this.retryable,
			details: this.details
		};
	}
};
const WILDCARD_HOSTS = {
	"0.0.0.0": "127.0.0.1",
	"[::]": "[::1]",
	"": "127.0.0.1"
};
/**
* Normalises a server address the way users type it into an origin plus optional path prefix, without a
* trailing slash and without a trailing `/v1` (providers add the API path they need):
*
* - `http://localhost:11434/v1/` → `http://localhost:11434`
* - `0.0.0.0:11434`, `:11434` → `http://127.0.0.1:11434` (a listen address is not a place to connect to)
* - `somehost` → `http://somehost:<defaultPort>`; `[::1]:1234`, `::1` → `http://[::1]:1234` / `http://[::1]:<defaultPort>`
* - `https://example.test` keeps the scheme's own default port.
*
* `localhost` is kept as is: the HTTP client tries both its IPv4 and IPv6 addresses.
* Throws `SAMUS_ERR_INVALID_CONFIG` for values that cannot be an HTTP address.
*/
function normalizeBaseUrl(value, options = {}) {
	const source = options.source ?? "baseUrl";
	const input = value.trim();
	const shown = JSON.stringify(value.replace(/\/\/[^/@]*@/, "//***@"));
	const invalid = (reason) => new SamusError("SAMUS_ERR_INVALID_CONFIG", `${source} is not a usable server address (${shown}): ${reason}`, {
		hint: "Use a form like http://127.0.0.1:11434, 127.0.0.1:11434 or :11434.",
		details: { field: source }
	});
	let withScheme;
	const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
	if (schemeMatch) {
		const scheme = schemeMatch[1].toLowerCase();
		if (scheme !== "http" && scheme !== "https") throw invalid(`unsupported scheme "${scheme}"`);
		withScheme = input;
	} else {
		let hostPort = input;
		let path = "";
		const slash = input.indexOf("/");
		if (slash >= 0) {
			hostPort = input.slice(0, slash);
			path = input.slice(slash);
		}
		if (hostPort.includes(":") && !hostPort.startsWith("[") && hostPort.indexOf(":") !== hostPort.lastIndexOf(":")) hostPort = `[${hostPort}]`;
		const portMatch = /^(.*):(\d*)$/.exec(hostPort);
		let host = portMatch && !hostPort.endsWith("]") ? portMatch[1] : hostPort;
		let port = portMatch && !hostPort.endsWith("]") ? portMatch[2] : "";
		if (portMatch && !hostPort.endsWith("]") && port === "") throw invalid("missing port after \":\"");
		if (port === "") port = String(options.defaultPort ?? 80);
		host = WILDCARD_HOSTS[host] ?? host;
		withScheme = `http://${host}:${port}${path}`;
	}
	let url;
	try {
		url = new URL(withScheme);
	} catch {
		throw invalid("not a valid URL");
	}
	if (url.username || url.password) throw invalid("credentials in the URL are not supported; use the API key option");
	if (url.search || url.hash) throw invalid("query strings and fragments are not supported");
	const port = url.port === "" ? void 0 : Number(url.port);
	if (port !== void 0 && (port < 1 || port > 65535)) throw invalid("port out of range");
	const hostname = WILDCARD_HOSTS[url.hostname] ?? url.hostname;
	let path = url.pathname.replace(/\/+$/, "");
	if (path.endsWith("/v1")) path = path.slice(0, -3);
	return `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ""}${path}`;
}
/** The built-in specs, by auth type id. */
const BUILTIN_CONFIG_SPECS = {
	ollama: {
		baseUrlEnv: ["OLLAMA_BASE_URL", "OLLAMA_HOST"],
		modelEnv: ["OLLAMA_MODEL"],
		defaultBaseUrl: "http://localhost:11434",
		defaultModel: "llama3",
		defaultPort: 11434,
		requiresBaseUrl: true
	},
	"lm-studio": {
		baseUrlEnv: ["LM_STUDIO_BASE_URL"],
		modelEnv: ["LM_STUDIO_MODEL"],
		apiKeyEnv: ["LM_API_TOKEN"],
		defaultBaseUrl: "http://localhost:1234",
		defaultModel: "local-model",
		defaultPort: 1234,
		requiresBaseUrl: true
	},
	openai: {
		baseUrlEnv: ["OPENAI_BASE_URL"],
		modelEnv: ["OPENAI_MODEL"],
		apiKeyEnv: ["OPENAI_API_KEY"],
		defaultPort: 80,
		requiresBaseUrl: true
	},
	"gemini-api-key": {
		modelEnv: ["GEMINI_MODEL"],
		apiKeyEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY"]
	},
	"vertex-ai": {
		modelEnv: ["GEMINI_MODEL"],
		apiKeyEnv: ["GOOGLE_API_KEY"]
	},
	"oauth-personal": { modelEnv: ["GEMINI_MODEL"] },
	"cloud-shell": { modelEnv: ["GEMINI_MODEL"] }
};
/** Why generation stopped (same name and members as `@google/genai`'s `FinishReason`, so the two are interchangeable). */
let FinishReason = /* @__PURE__ */ function(FinishReason) {
	FinishReason["FINISH_REASON_UNSPECIFIED"] = "FINISH_REASON_UNSPECIFIED";
	FinishReason["STOP"] = "STOP";
	FinishReason["MAX_TOKENS"] = "MAX_TOKENS";
	FinishReason["SAFETY"] = "SAFETY";
	FinishReason["RECITATION"] = "RECITATION";
	FinishReason["LANGUAGE"] = "LANGUAGE";
	FinishReason["OTHER"] = "OTHER";
	FinishReason["BLOCKLIST"] = "BLOCKLIST";
	FinishReason["PROHIBITED_CONTENT"] = "PROHIBITED_CONTENT";
	FinishReason["SPII"] = "SPII";
	FinishReason["MALFORMED_FUNCTION_CALL"] = "MALFORMED_FUNCTION_CALL";
	FinishReason["IMAGE_SAFETY"] = "IMAGE_SAFETY";
	FinishReason["IMAGE_PROHIBITED_CONTENT"] = "IMAGE_PROHIBITED_CONTENT";
	FinishReason["IMAGE_OTHER"] = "IMAGE_OTHER";
	FinishReason["NO_IMAGE"] = "NO_IMAGE";
	FinishReason["IMAGE_RECITATION"] = "IMAGE_RECITATION";
	FinishReason["UNEXPECTED_TOOL_CALL"] = "UNEXPECTED_TOOL_CALL";
	FinishReason["TOO_MANY_TOOL_CALLS"] = "TOO_MANY_TOOL_CALLS";
	FinishReason["MISSING_THOUGHT_SIGNATURE"] = "MISSING_THOUGHT_SIGNATURE";
	FinishReason["MALFORMED_RESPONSE"] = "MALFORMED_RESPONSE";
	FinishReason["ESCALATION"] = "ESCALATION";
	FinishReason["PUP_LIMITED_DISABLED"] = "PUP_LIMITED_DISABLED";
	FinishReason["CONTINUATION"] = "CONTINUATION";
	FinishReason["MODEL_ARMOR"] = "MODEL_ARMOR";
	return FinishReason;
}({});
function firstParts(response) {
	return response.candidates?.[0]?.content?.parts;
}
/** Prototype of every response object: the `@google/genai` getters, computed on access only. */
var ResponseWithGetters = class {
	constructor(data) {
		if (data.candidates !== void 0) this.candidates = data.candidates;
		if (data.usageMetadata !== void 0) this.usageMetadata = data.usageMetadata;
		if (data.modelVersion !== void 0) this.modelVersion = data.modelVersion;
		if (data.responseId !== void 0) this.responseId = data.responseId;
		if (data.createTime !== void 0) this.createTime = data.createTime;
	}
	get text() {
		let text;
		for (const part of firstParts(this) ?? []) if (typeof part.text === "string" && part.thought !== true) text = (text ?? "") + part.text;
		return text;
	}
	get data() {
		let data = "";
		for (const part of firstParts(this) ?? []) if (typeof part.inlineData?.data === "string") data += atob(part.inlineData.data);
		return data.length > 0 ? btoa(data) : void 0;
	}
	get functionCalls() {
		const calls = [];
		for (const part of firstParts(this) ?? []) if (part.functionCall) calls.push(part.functionCall);
		return calls.length > 0 ? calls : void 0;
	}
	get executableCode() {}
	get codeExecutionResult() {}
	get initialPromptTokenCount() {}
};
/**
* Builds a {@link GenerateContentResponse} from its data fields: the fields become own enumerable properties (so
* `JSON.stringify` and spreading see only data) and the `@google/genai` getters (`text`, `functionCalls`, ...)
* come from the prototype. Providers build every response and stream chunk with it.
*/
function createGenerateContentResponse(data) {
	return new ResponseWithGetters(data);
}
const DEFAULT_TIMEOUTS = Object.freeze({
	connectMs: 5e3,
	firstByteMs: 3e5,
	idleMs: 6e4,
	totalMs: 0
});
const timeoutSchema = number().int().min(0).max(864e5);
const configSchema = object({
	authType: string().min(1),
	model: string().trim().min(1, "must not be empty").max(512),
	baseUrl: string().optional(),
	apiKey: string().min(1, "must not be empty").optional(),
	timeouts: object({
		connectMs: timeoutSchema,
		firstByteMs: timeoutSchema,
		idleMs: timeoutSchema,
		totalMs: timeoutSchema
	}),
	maxRetries: number().int().min(0).max(10),
	headers: record(string(), string()),
	providerOptions: record(string(), unknown())
});
function pick(optionValue, envNames, env, fallback) {
	if (optionValue !== void 0) return {
		value: optionValue,
		source: "option"
	};
	for (const name of envNames ?? []) {
		const value = env[name];
		if (value !== void 0 && value.trim() !== "") return {
			value,
			source: `env:${name}`
		};
	}
	return fallback === void 0 ? {
		value: void 0,
		source: void 0
	} : {
		value: fallback,
		source: "default"
	};
}
function describeSource(field, source) {
	if (source?.startsWith("env:")) return `${field} (from ${source.slice(4)})`;
	if (source === "option") return `${field} (from options.${field})`;
	return field;
}
/**
* Resolves the configuration for `authType`: explicit option > environment variable > default, for every
* field; validates it; collects every problem into one `SAMUS_ERR_INVALID_CONFIG` that names each bad field
* and where its value came from. Reads `options.env` (or `process.env`) and never writes it.
*/
function createContentGeneratorConfig(authType, options = {}) {
	const env = options.env ?? process.env;
	const spec = options.spec ?? BUILTIN_CONFIG_SPECS[authType] ?? {};
	const problems = [];
	const model = pick(options.model, spec.modelEnv, env, spec.defaultModel);
	const baseUrl = pick(options.baseUrl, spec.baseUrlEnv, env, spec.defaultBaseUrl);
	const apiKey = pick(options.apiKey, spec.apiKeyEnv, env, void 0);
	let normalizedBaseUrl;
	if (baseUrl.value !== void 0) try {
		normalizedBaseUrl = normalizeBaseUrl(baseUrl.value, {
			...spec.defaultPort === void 0 ? {} : { defaultPort: spec.defaultPort },
			source: describeSource("baseUrl", baseUrl.source)
		});
	} catch (error) {
		problems.push(error instanceof Error ? error.message : String(error));
	}
	else if (spec.requiresBaseUrl) problems.push(`baseUrl is required for "${authType}": pass options.baseUrl${spec.baseUrlEnv?.length ? ` or set ${spec.baseUrlEnv.join(" / ")}` : ""}`);
	if (model.value === void 0) problems.push(`model is required for "${authType}": pass options.model${spec.modelEnv?.length ? ` or set ${spec.modelEnv.join(" / ")}` : ""}`);
	const candidate = {
		authType,
		model: model.value ?? "unset",
		baseUrl: normalizedBaseUrl,
		apiKey: apiKey.value,
		timeouts: {
			...DEFAULT_TIMEOUTS,
			...options.timeouts
		},
		maxRetries: options.maxRetries ?? 2,
		headers: { ...options.headers },
		providerOptions: { ...options.providerOptions }
	};
	const parsed = configSchema.safeParse(candidate);
	if (!parsed.success) for (const issue of parsed.error.issues) {
		const field = issue.path.join(".");
		const top = issue.path[0];
		const source = top === "model" ? model.source : top === "apiKey" ? apiKey.source : top === "baseUrl" ? baseUrl.source : "option";
		problems.push(`${describeSource(field, source)}: ${issue.message}`);
	}
	if (problems.length > 0) throw new SamusError("SAMUS_ERR_INVALID_CONFIG", `Invalid configuration for "${authType}":\n  - ${problems.join("\n  - ")}`, { details: {
		authType,
		problems
	} });
	const config = {
		...parsed.data,
		sources: {
			model: model.source,
			baseUrl: baseUrl.source,
			apiKey: apiKey.source
		}
	};
	if (config.baseUrl === void 0) delete config.baseUrl;
	if (config.apiKey === void 0) delete config.apiKey;
	return config;
}
/** A small synchronous typed event bus. A throwing listener never breaks a request: it goes to `onListenerError`. */
var SamusEvents = class {
	#listeners = /* @__PURE__ */ new Map();
	#onListenerError;
	constructor(options = {}) {
		this.#onListenerError = options.onListenerError ?? ((error, event) => {
			console.error(`[samus] a listener of "${event}" threw: ${error instanceof Error ? error.message : String(error)}`);
		});
	}
	/** Adds a listener; returns a function that removes it. */
	on(name, listener) {
		let set = this.#listeners.get(name);
		if (!set) this.#listeners.set(name, set = /* @__PURE__ */ new Set());
		set.add(listener);
		return () => this.off(name, listener);
	}
	off(name, listener) {
		this.#listeners.get(name)?.delete(listener);
	}
	/** True when someone listens to `name`: lets hot paths skip building events nobody reads. */
	has(name) {
		return (this.#listeners.get(name)?.size ?? 0) > 0;
	}
	emit(name, event) {
		const set = this.#listeners.get(name);
		if (!set) return;
		for (const listener of set) try {
			listener(event);
		} catch (error) {
			this.#onListenerError(error, name);
		}
	}
};
/**
* zod schemas of the normalised shapes every provider returns: the Gemini-shaped responses of a
* `ContentGenerator`, and the small provider-admin shapes (`ModelInfo`, `ProviderHealth`, `PullProgress`).
* The contract suites parse provider output with them; applications may use them to validate too.
*
* They are strict where a consumer relies on the value (roles, finish reasons, integer token counts, finite
* vector components) and loose elsewhere (unknown extra fields are allowed, as in `@google/genai`).
*/
const nonNegativeInt = number().int().min(0);
/** Schema of a `FunctionCall` part: a name and an arguments object. */
const functionCallSchema = looseObject({
	id: string().optional(),
	name: string().min(1),
	args: record(string(), unknown())
});
/** Schema of one response `Part`. A part carries text (possibly a thought), a function call, or inline data. */
const partSchema = looseObject({
	text: string().optional(),
	thought: boolean().optional(),
	thoughtSignature: string().optional(),
	functionCall: functionCallSchema.optional(),
	functionResponse: looseObject({
		id: string().optional(),
		name: string().optional(),
		response: record(string(), unknown()).optional()
	}).optional(),
	inlineData: looseObject({
		mimeType: string().optional(),
		data: string().optional()
	}).optional()
}).refine((part) => part.text !== void 0 || part.functionCall !== void 0 || part.functionResponse !== void 0 || part.inlineData !== void 0, { message: "a part must carry text, functionCall, functionResponse or inlineData" });
/** Schema of a response `Content`: always role `model`. */
const responseContentSchema = looseObject({
	role: literal("model"),
	parts: array(partSchema)
});
/** Every `FinishReason` value. */
const finishReasonSchema = _enum([
	"FINISH_REASON_UNSPECIFIED",
	"STOP",
	"MAX_TOKENS",
	"SAFETY",
	"RECITATION",
	"LANGUAGE",
	"OTHER",
	"BLOCKLIST",
	"PROHIBITED_CONTENT",
	"SPII",
	"MALFORMED_FUNCTION_CALL",
	"IMAGE_SAFETY",
	"UNEXPECTED_TOOL_CALL"
]);
/** Schema of `usageMetadata`: token counts are non-negative integers when present. */
const usageMetadataSchema = looseObject({
	promptTokenCount: nonNegativeInt.optional(),
	candidatesTokenCount: nonNegativeInt.optional(),
	thoughtsTokenCount: nonNegativeInt.optional(),
	cachedContentTokenCount: nonNegativeInt.optional(),
	totalTokenCount: nonNegativeInt.optional()
});
looseObject({
	candidates: array(looseObject({
		content: responseContentSchema,
		finishReason: finishReasonSchema.optional(),
		finishMessage: string().optional(),
		index: nonNegativeInt.optional()
	})).max(1).optional(),
	usageMetadata: usageMetadataSchema.optional(),
	modelVersion: string().optional(),
	responseId: string().optional(),
	createTime: string().optional()
});
looseObject({
	totalTokens: nonNegativeInt,
	cachedContentTokenCount: nonNegativeInt.optional()
});
looseObject({ embeddings: array(looseObject({
	values: array(number().refine(Number.isFinite, "must be finite")).min(1),
	statistics: looseObject({
		tokenCount: nonNegativeInt.optional(),
		truncated: boolean().optional()
	}).optional()
})) });
/** What a model is for. `unknown` when the server does not say. */
const modelKindSchema = _enum([
	"chat",
	"embedding",
	"unknown"
]);
looseObject({
	/** The name to pass as `model` (canonical form, e.g. `llama3:latest`). */
	id: string().min(1),
	/** Other names the server resolves to this model (e.g. `llama3` for `llama3:latest`). */
	aliases: array(string().min(1)),
	kind: modelKindSchema,
	/** Capability names as the server reports them (`completion`, `tools`, `embedding`, `vision`, `thinking`, …). */
	capabilities: array(string()),
	/** Whether the model is loaded in memory now. */
	loaded: boolean(),
	/** Longest context the model was trained for, in tokens. */
	contextLength: number().int().positive().optional(),
	/** Context length of the loaded instance, in tokens (when loaded). */
	loadedContextLength: number().int().positive().optional(),
	family: string().optional(),
	parameterSize: string().optional(),
	quantization: string().optional(),
	sizeBytes: nonNegativeInt.optional(),
	digest: string().optional(),
	modifiedAt: string().optional(),
	/** When a loaded model will be unloaded (ISO 8601). */
	expiresAt: string().optional()
});
looseObject({
	ok: boolean(),
	baseUrl: string().min(1),
	/** Server version, when the server reports one. */
	version: string().optional(),
	/** Round-trip time of the health probe. */
	latencyMs: number().min(0),
	/** Non-fatal problems (e.g. a server version below the tested range). */
	warnings: array(string()),
	/** Why the server is not healthy (set exactly when `ok` is false). */
	error: looseObject({
		code: _enum(ERROR_CODE_LIST),
		message: string(),
		hint: string()
	}).optional()
}).refine((health) => health.ok === (health.error === void 0), { message: "`error` must be set exactly when `ok` is false" });
looseObject({
	/** What the server is doing: `manifest`, `downloading`, `verifying`, `writing`, `cleanup`, `success`. */
	phase: _enum([
		"manifest",
		"downloading",
		"verifying",
		"writing",
		"cleanup",
		"success"
	]),
	/** The server's own status text. */
	status: string(),
	completedBytes: nonNegativeInt,
	/** Total bytes over every layer seen so far (0 while unknown). */
	totalBytes: nonNegativeInt,
	/** 0–100, from the byte counts (100 on success). */
	percent: number().min(0).max(100)
});
// ../../packages/provider-core/dist/openai-compatible-content-generator-DOC2xIHV.mjs
/**
* Maps an OpenAI `finish_reason` to Gemini's: `stop` → `STOP`, `length` → `MAX_TOKENS`, `tool_calls` /
* `function_call` → `STOP` (Gemini reports calls as parts and stops normally), `content_filter` → `SAFETY`,
* anything else → `OTHER`; `null` / absent → `undefined`.
*/
function mapFinishReason(reason) {
	switch (reason) {
		case null:
		case void 0:
		case "": return;
		case "stop":
		case "tool_calls":
		case "function_call":
		case "eos": return FinishReason.STOP;
		case "length": return FinishReason.MAX_TOKENS;
		case "content_filter": return FinishReason.SAFETY;
		default: return FinishReason.OTHER;
	}
}
/**
* Splits streamed text into reasoning and answer at `<think>` / `</think>` tags, which local models emit inline.
* Tags may be split across chunks: a possible tag prefix at the end of a chunk is held back until the next one.
* A closing tag without an opening one means the output started inside the reasoning block (templates that open
* it in the prompt): text before it in that chunk becomes a thought. Text already returned for earlier chunks
* cannot be reclassified in a stream; {@link ThinkTagSplitter.splitComplete} does that for whole texts, and
* `startsOpen` covers servers known to do this. Chunks without `<` take a fast path (one `indexOf`).
*/
var ThinkTagSplitter = class ThinkTagSplitter {
	#open;
	#close;
	#inThought;
	#seenOpen = false;
	#held = "";
	constructor(options = {}) {
		this.#open = options.openTag ?? "<think>";
		this.#close = options.closeTag ?? "</think>";
		this.#inThought = options.startsOpen ?? false;
		this.#seenOpen = this.#inThought;
	}
	/** True while inside a reasoning block. */
	get inThought() {
		return this.#inThought;
	}
	/**
	* True when `text` contains no tag and nothing is held back, so all of it belongs to the current mode
	* ({@link inThought}) and {@link push} need not be called: the allocation-free fast path for hot loops.
	*/
	isPlain(text) {
		return this.#held.length === 0 && text.indexOf("<") === -1;
	}
	/**
	* Classifies the next piece of text. Returns the segments that are decided (empty when everything is held
	* back as a possible tag prefix).
	*/
	push(text) {
		if (this.#held.length === 0 && text.indexOf("<") === -1) return text.length === 0 ? [] : [{
			text,
			thought: this.#inThought
		}];
		let input = this.#held + text;
		this.#held = "";
		const segments = [];
		for (;;) {
			const tag = this.#inThought ? this.#close : this.#open;
			const index = input.indexOf(tag);
			const strayClose = !this.#inThought && !this.#seenOpen ? input.indexOf(this.#close) : -1;
			if (strayClose !== -1 && (index === -1 || strayClose < index)) {
				if (strayClose > 0) segments.push({
					text: input.slice(0, strayClose),
					thought: true
				});
				input = input.slice(strayClose + this.#close.length);
				this.#seenOpen = true;
				continue;
			}
			if (index === -1) {
				const keep = this.#partialTagLength(input);
				const emit = keep === 0 ? input : input.slice(0, input.length - keep);
				if (keep > 0) this.#held = input.slice(input.length - keep);
				if (emit.length > 0) segments.push({
					text: emit,
					thought: this.#inThought
				});
				return segments;
			}
			if (index > 0) segments.push({
				text: input.slice(0, index),
				thought: this.#inThought
			});
			input = input.slice(index + tag.length);
			if (!this.#inThought) this.#seenOpen = true;
			this.#inThought = !this.#inThought;
		}
	}
	/** Returns held-back text at the end of the stream. */
	flush() {
		const held = this.#held;
		this.#held = "";
		return held.length === 0 ? [] : [{
			text: held,
			thought: this.#inThought
		}];
	}
	/**
	* Splits a complete text (a non-streamed answer). Unlike streaming, a missing opening tag reclassifies
	* everything before the first `</think>` as reasoning.
	*/
	static splitComplete(text, options = {}) {
		const splitter = new ThinkTagSplitter(options);
		const segments = [...splitter.push(text), ...splitter.flush()];
		const merged = [];
		for (const segment of segments) {
			const previous = merged.at(-1);
			if (previous && previous.thought === segment.thought) previous.text += segment.text;
			else merged.push({ ...segment });
		}
		return merged;
	}
	/** Length of the longest suffix of `input` that is a proper prefix of a tag we could see next. */
	#partialTagLength(input) {
		const lastLt = input.lastIndexOf("<");
		if (lastLt === -1) return 0;
		const tail = input.slice(lastLt);
		const candidates = this.#inThought ? [this.#close] : this.#seenOpen ? [this.#open] : [this.#open, this.#close];
		for (const tag of candidates) if (tail.length < tag.length && tag.startsWith(tail)) return tail.length;
		return 0;
	}
};
let generatedIdCounter = 0;
const idPrefix = Math.random().toString(36).slice(2, 8);
/** A locally unique tool-call id for servers that send none (`call_samus_<random>_<n>`). */
function generateToolCallId() {
	generatedIdCounter += 1;
	return `call_samus_${idPrefix}_${generatedIdCounter}`;
}
/**
* Joins streamed tool-call fragments into whole calls. Handles what servers actually send:
* fragments keyed by `index` (arguments in pieces), whole calls in one chunk, arguments as an object instead of
* a JSON string, ids that arrive late or never (a local id is generated), several parallel calls, and servers
* that reuse `index` 0 for every call (a fragment with a new id at a used index starts a new call).
*/
var ToolCallAccumulator = class {
	#slots = [];
	/** Number of calls seen so far. */
	get size() {
		return this.#slots.length;
	}
	/** Adds the fragments of one chunk. */
	push(fragments) {
		for (const fragment of fragments) this.#add(fragment);
	}
	/** Returns the completed calls (in arrival order) and clears the accumulator. */
	finish() {
		const calls = this.#slots.map((slot) => complete(slot));
		this.#slots.length = 0;
		return calls;
	}
	#add(fragment) {
		const id = fragment.id ?? void 0;
		const name = fragment.function?.name ?? void 0;
		const args = fragment.function?.arguments ?? void 0;
		let slot;
		if (id !== void 0 && id !== "") slot = this.#slots.find((candidate) => candidate.id === id);
		if (!slot && fragment.index !== void 0) {
			const atIndex = this.#findByIndex(fragment.index);
			const collides = atIndex !== void 0 && id !== void 0 && id !== "" && atIndex.id !== void 0 && atIndex.id !== id;
			const repeatsWhole = atIndex !== void 0 && !id && name !== void 0 && name !== "" && atIndex.name !== "" && isCompleteJson(atIndex);
			if (atIndex && !collides && !repeatsWhole) slot = atIndex;
		}
		if (!slot && fragment.index === void 0 && (id === void 0 || id === "") && (name === void 0 || name === "")) slot = this.#slots.at(-1);
		if (!slot) {
			slot = {
				index: fragment.index,
				id: void 0,
				name: "",
				args: "",
				objectArgs: void 0
			};
			this.#slots.push(slot);
		}
		if (id !== void 0 && id !== "" && slot.id === void 0) slot.id = id;
		if (name !== void 0 && name !== "" && slot.name === "") slot.name = name;
		if (typeof args === "string") slot.args += args;
		else if (args !== void 0 && typeof args === "object") slot.objectArgs = args;
	}
	#findByIndex(index) {
		for (let i = this.#slots.length - 1; i >= 0; i--) if (this.#slots[i].index === index) return this.#slots[i];
	}
};
function isCompleteJson(slot) {
	if (slot.objectArgs) return true;
	if (slot.args === "") return false;
	try {
		JSON.parse(slot.args);
		return true;
	} catch {
		return false;
	}
}
function complete(slot) {
	const id = slot.id ?? generateToolCallId();
	if (slot.objectArgs) return {
		functionCall: {
			id,
			name: slot.name,
			args: slot.objectArgs
		},
		valid: true,
		rawArguments: JSON.stringify(slot.objectArgs)
	};
	const raw = slot.args.trim();
	if (raw === "") return {
		functionCall: {
			id,
			name: slot.name,
			args: {}
		},
		valid: true,
		rawArguments: ""
	};
	const parsed = parseArguments(raw);
	return parsed === void 0 ? {
		functionCall: {
			id,
			name: slot.name,
			args: {}
		},
		valid: false,
		rawArguments: slot.args
	} : {
		functionCall: {
			id,
			name: slot.name,
			args: parsed
		},
		valid: true,
		rawArguments: slot.args
	};
}
/** Parses tool arguments; repairs a truncated object (missing closing quotes / brackets) once. */
function parseArguments(raw) {
	const asObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
	try {
		return asObject(JSON.parse(raw));
	} catch {
		const repaired = closeJson(raw);
		if (repaired === void 0) return void 0;
		try {
			return asObject(JSON.parse(repaired));
		} catch {
			return;
		}
	}
}
function closeJson(raw) {
	const stack = [];
	let inString = false;
	let escaped = false;
	for (const char of raw) {
		if (inString) {
			if (escaped) escaped = false;
			else if (char === "\\") escaped = true;
			else if (char === "\"") inString = false;
			continue;
		}
		if (char === "\"") inString = true;
		else if (char === "{") stack.push("}");
		else if (char === "[") stack.push("]");
		else if (char === "}" || char === "]") {
			if (stack.pop() !== char) return void 0;
		}
	}
	if (stack.length === 0 && !inString) return void 0;
	return raw + (inString ? "\"" : "") + stack.reverse().join("");
}
/**
* Maps OpenAI `usage` to Gemini `usageMetadata`. Reasoning tokens (`completion_tokens_details.reasoning_tokens`)
* become `thoughtsTokenCount` and are taken out of `candidatesTokenCount`, as Gemini counts them separately.
*/
function toUsageMetadata(usage) {
	if (!usage || typeof usage !== "object") return void 0;
	const metadata = {};
	const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? void 0;
	if (typeof usage.prompt_tokens === "number") metadata.promptTokenCount = usage.prompt_tokens;
	if (typeof usage.completion_tokens === "number") metadata.candidatesTokenCount = reasoning && reasoning <= usage.completion_tokens ? usage.completion_tokens - reasoning : usage.completion_tokens;
	if (typeof reasoning === "number" && reasoning > 0) metadata.thoughtsTokenCount = reasoning;
	const cached = usage.prompt_tokens_details?.cached_tokens ?? void 0;
	if (typeof cached === "number" && cached > 0) metadata.cachedContentTokenCount = cached;
	if (typeof usage.total_tokens === "number") metadata.totalTokenCount = usage.total_tokens;
	else if (metadata.promptTokenCount !== void 0 && usage.completion_tokens != null) metadata.totalTokenCount = metadata.promptTokenCount + usage.completion_tokens;
	return metadata;
}
/**
* Turns parsed OpenAI stream chunks into Gemini-shaped responses, one per chunk with output: text parts,
* `thought: true` parts (from `reasoning_content`, `reasoning` and `<think>` tags), and whole `functionCall` parts
* (fragments joined; emitted with the finish chunk). The finish reason and usage land on the last response.
* Chunks without output (role-only deltas, tool fragments) produce nothing.
*/
var ChatCompletionChunkConverter = class {
	#sink;
	#includeThoughts;
	#thinkOptions;
	#awaitUsage;
	#choices = [];
	#pending;
	#finishReason;
	#rawFinishReason;
	#usage;
	#modelVersion;
	#responseId;
	#textPieces = [];
	#textSoFar = "";
	#lastChunk;
	constructor(sink, options = {}) {
		this.#sink = sink;
		this.#includeThoughts = options.includeThoughts ?? true;
		this.#thinkOptions = options.thinkTags ?? {};
		this.#awaitUsage = options.awaitUsage ?? false;
	}
	/** The answer text so far (no reasoning): the partial text when a stream breaks. */
	get text() {
		if (this.#textPieces.length > 0) this.#foldText();
		return this.#textSoFar;
	}
	/** True once every choice sent a finish reason. */
	get finished() {
		return this.#choices.length > 0 && this.#choices.every((choice) => choice.finished);
	}
	/** The server's own finish reason (`stop`, `length`, …) of the first choice. */
	get rawFinishReason() {
		return this.#rawFinishReason;
	}
	/** The mapped finish reason of the first choice. */
	get finishReason() {
		return this.#finishReason;
	}
	/** Usage, once the server sent it. */
	get usage() {
		return this.#usage;
	}
	/** The last raw chunk (for server-specific statistics). */
	get lastChunk() {
		return this.#lastChunk;
	}
	/** Converts one chunk. */
	push(chunk) {
		this.#lastChunk = chunk;
		if (chunk.model !== void 0) this.#modelVersion = chunk.model;
		if (chunk.id !== void 0) this.#responseId = chunk.id;
		const usage = chunk.usage ? toUsageMetadata(chunk.usage) : void 0;
		if (usage) this.#usage = usage;
		const choices = chunk.choices;
		if (!choices || choices.length === 0) {
			if (this.#pending) {
				if (usage) this.#pending.usageMetadata = usage;
				this.#flushPending();
			} else if (usage) this.#sink.response(createGenerateContentResponse({
				usageMetadata: usage,
				modelVersion: this.#modelVersion,
				responseId: this.#responseId
			}));
			return;
		}
		if (this.#pending) this.#flushPending();
		for (let position = 0; position < choices.length; position++) {
			const choice = choices[position];
			const index = choice.index ?? 0;
			const state = this.#choices[index] ?? this.#newChoice(index);
			const parts = this.#deltaParts(state, choice.delta);
			const reason = choice.finish_reason;
			if (reason !== null && reason !== void 0 && !state.finished) this.#finishChoice(state, index, reason, parts, usage);
			else if (parts !== void 0) this.#sink.response(createGenerateContentResponse({
				candidates: [{
					content: {
						role: "model",
						parts
					},
					index
				}],
				modelVersion: this.#modelVersion,
				responseId: this.#responseId
			}));
		}
	}
	/**
	* Ends the stream. `complete` is true when the server ended it properly (`[DONE]` or a finish reason). Emits
	* held-back text, unfinished tool calls and the held finish response.
	*/
	end(complete) {
		if (this.#pending) this.#flushPending();
		for (let index = 0; index < this.#choices.length; index++) {
			const state = this.#choices[index];
			if (!state || state.finished) continue;
			const parts = this.#flushParts(state);
			if (complete) this.#finishChoice(state, index, "stop", parts, void 0);
			else if (parts.length > 0) this.#sink.response(createGenerateContentResponse({
				candidates: [{
					content: {
						role: "model",
						parts
					},
					index
				}],
				modelVersion: this.#modelVersion,
				responseId: this.#responseId
			}));
		}
		if (this.#pending) this.#flushPending();
	}
	#foldText() {
		this.#textSoFar += this.#textPieces.join("");
		this.#textPieces.length = 0;
	}
	#newChoice(index) {
		const state = {
			splitter: new ThinkTagSplitter(this.#thinkOptions),
			tools: new ToolCallAccumulator(),
			finished: false
		};
		this.#choices[index] = state;
		return state;
	}
	#deltaParts(state, delta) {
		if (!delta) return void 0;
		let parts;
		let length = 0;
		const reasoning = delta.reasoning_content || delta.reasoning;
		if (typeof reasoning === "string" && reasoning.length > 0) {
			length += reasoning.length;
			if (this.#includeThoughts) parts = [{
				text: reasoning,
				thought: true
			}];
		}
		const content = delta.content;
		if (typeof content === "string" && content.length > 0) {
			length += content.length;
			const splitter = state.splitter;
			if (splitter.isPlain(content)) {
				if (!splitter.inThought) {
					if (this.#textPieces.push(content) === 256) this.#foldText();
					if (parts === void 0) parts = [{ text: content }];
					else parts.push({ text: content });
				} else if (this.#includeThoughts) (parts ??= []).push({
					text: content,
					thought: true
				});
			} else this.#pushSegments(splitter.push(content), parts ??= []);
		}
		const toolCalls = delta.tool_calls;
		if (toolCalls && toolCalls.length > 0) {
			state.tools.push(toolCalls);
			this.#sink.output(length);
			return parts !== void 0 && parts.length === 0 ? void 0 : parts;
		}
		if (length > 0) this.#sink.output(length);
		return parts !== void 0 && parts.length === 0 ? void 0 : parts;
	}
	#pushSegments(segments, parts) {
		for (const segment of segments) if (segment.thought) {
			if (this.#includeThoughts) parts.push({
				text: segment.text,
				thought: true
			});
		} else {
			if (this.#textPieces.push(segment.text) === 256) this.#foldText();
			parts.push({ text: segment.text });
		}
	}
	#flushParts(state) {
		const parts = [];
		for (const segment of state.splitter.flush()) if (segment.thought) {
			if (this.#includeThoughts) parts.push({
				text: segment.text,
				thought: true
			});
		} else {
			if (this.#textPieces.push(segment.text) === 256) this.#foldText();
			parts.push({ text: segment.text });
		}
		return parts;
	}
	#finishChoice(state, index, reason, deltaParts, usage) {
		state.finished = true;
		const parts = deltaParts ?? [];
		parts.push(...this.#flushParts(state));
		let malformed = false;
		for (const call of state.tools.finish()) {
			const functionCall = call.functionCall;
			parts.push({ functionCall });
			if (!call.valid) malformed = true;
		}
		const finishReason = malformed ? FinishReason.MALFORMED_FUNCTION_CALL : mapFinishReason(reason) ?? FinishReason.STOP;
		if (index === 0) {
			this.#finishReason = finishReason;
			this.#rawFinishReason = reason;
		}
		const response = createGenerateContentResponse({
			candidates: [{
				content: {
					role: "model",
					parts
				},
				finishReason,
				index
			}],
			...usage ? { usageMetadata: usage } : {},
			modelVersion: this.#modelVersion,
			responseId: this.#responseId
		});
		if (usage === void 0 && this.#awaitUsage && this.#usage === void 0) {
			this.#pending = response;
			return;
		}
		if (usage === void 0 && this.#usage !== void 0) response.usageMetadata = this.#usage;
		this.#sink.response(response);
	}
	#flushPending() {
		const pending = this.#pending;
		this.#pending = void 0;
		if (pending) this.#sink.response(pending);
	}
};
/**
* Converts a non-streamed `chat.completion` into a Gemini-shaped response: one candidate per choice with thought
* parts (reasoning fields and `<think>` blocks, a missing opening tag included), the answer text, and
* `functionCall` parts (ids generated where missing; arguments that are not a JSON object give `args: {}` and
* finish reason `MALFORMED_FUNCTION_CALL`).
*/
function chatCompletionToResponse(completion, options = {}) {
	const includeThoughts = options.includeThoughts ?? true;
	const candidates = [];
	for (const choice of completion.choices ?? []) {
		const message = choice.message ?? {};
		const parts = [];
		const reasoning = message.reasoning_content || message.reasoning;
		if (includeThoughts && typeof reasoning === "string" && reasoning.length > 0) parts.push({
			text: reasoning,
			thought: true
		});
		const content = typeof message.content === "string" ? message.content : message.refusal ?? "";
		if (content.length > 0) for (const segment of ThinkTagSplitter.splitComplete(content, options.thinkTags)) if (segment.thought) {
			if (includeThoughts) parts.push({
				text: segment.text,
				thought: true
			});
		} else parts.push({ text: segment.text });
		let malformed = false;
		if (message.tool_calls && message.tool_calls.length > 0) {
			const accumulator = new ToolCallAccumulator();
			accumulator.push(message.tool_calls.map((call, position) => ({
				...call,
				index: call.index ?? position
			})));
			for (const call of accumulator.finish()) {
				parts.push({ functionCall: call.functionCall });
				if (!call.valid) malformed = true;
			}
		}
		const finishReason = malformed ? FinishReason.MALFORMED_FUNCTION_CALL : mapFinishReason(choice.finish_reason) ?? FinishReason.STOP;
		candidates.push({
			content: {
				role: "model",
				parts
			},
			finishReason,
			index: choice.index ?? candidates.length
		});
	}
	const usageMetadata = toUsageMetadata(completion.usage);
	return createGenerateContentResponse({
		candidates,
		...usageMetadata ? { usageMetadata } : {},
		...completion.model ? { modelVersion: completion.model } : {},
		...completion.id ? { responseId: completion.id } : {},
		...typeof completion.created === "number" ? { createTime: (/* @__PURE__ */ new Date(completion.created * 1e3)).toISOString() } : {}
	});
}
/** The request header that lets {@link trackConnectPhase} recognise a request inside the HTTP client. */
const CORRELATION_HEADER = "x-samus-request-id";
const watchers = /* @__PURE__ */ new Map();
const byRequest = /* @__PURE__ */ new WeakMap();
let subscribed = false;
function headerValue(headers) {
	if (Array.isArray(headers)) {
		for (let i = 0; i < headers.length - 1; i += 2) if (String(headers[i]).toLowerCase() === "x-samus-request-id") return String(headers[i + 1]);
		return;
	}
	if (typeof headers === "string") {
		const at = headers.toLowerCase().indexOf(`${CORRELATION_HEADER}:`);
		if (at === -1) return void 0;
		const end = headers.indexOf("\r\n", at);
		return headers.slice(at + 18 + 1, end === -1 ? void 0 : end).trim();
	}
}
function subscribe() {
	if (subscribed) return;
	subscribed = true;
	diagnosticsChannel.subscribe("undici:request:create", (message) => {
		if (watchers.size === 0) return;
		const request = message.request;
		if (!request) return;
		const id = headerValue(request.headers);
		const watcher = id === void 0 ? void 0 : watchers.get(id);
		if (!watcher) return;
		byRequest.set(request, watcher);
		watcher.dispatched();
	});
	diagnosticsChannel.subscribe("undici:client:sendHeaders", (message) => {
		const request = message.request;
		if (request) byRequest.get(request)?.connected();
	});
}
/**
* Watches the connect phase of one request made with Node's built-in `fetch` (undici): undici's diagnostics
* channels report when the request is created and when its headers are written to an open socket. The request
* must carry the header {@link CORRELATION_HEADER} with value `id`. Returns a function that stops watching.
* In runtimes or HTTP clients without these channels nothing is reported; callers must not assume otherwise.
*/
function trackConnectPhase(id, watcher) {
	subscribe();
	watchers.set(id, watcher);
	return () => {
		watchers.delete(id);
	};
}
/**
* Estimates the token count of `text` without a tokenizer. The heuristic (documented in the README):
*
* - runs of ASCII letters and digits: one token per 4 characters, rounded up per word
*   (BPE vocabularies keep common English words whole and split long ones);
* - every ASCII punctuation or symbol character: one token;
* - whitespace: free (BPE merges it into the following word);
* - every non-ASCII character (CJK, emoji, accented letters): one token.
*
* It errs on the high side for English prose (about +10 % against Llama-3 / Qwen tokenizers) so that a context
* budget computed from it is not overrun; use a server tokenizer where one exists.
*/
function estimateTokens(text) {
	let tokens = 0;
	let word = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code >= 48 && code <= 57 || code >= 65 && code <= 90 || code >= 97 && code <= 122) {
			word += 1;
			continue;
		}
		if (word > 0) {
			tokens += Math.ceil(word / 4);
			word = 0;
		}
		if (code <= 32) continue;
		if (code >= 55296 && code <= 56319) i += 1;
		tokens += 1;
	}
	if (word > 0) tokens += Math.ceil(word / 4);
	return tokens;
}
const INTEGER_FIELDS = [
	"minItems",
	"maxItems",
	"minLength",
	"maxLength",
	"minProperties",
	"maxProperties"
];
/**
* Converts a Gemini `Schema` (upper-case `Type` names, integer limits as strings, `nullable`) into JSON Schema
* for OpenAI-compatible servers. Lower-case types are accepted; unknown fields are dropped; values that already
* look like JSON Schema pass through the same way.
*/
function geminiSchemaToJsonSchema(schema) {
	if (schema === void 0 || schema === null || typeof schema !== "object") return {};
	const out = {};
	const type = typeof schema.type === "string" ? schema.type.toLowerCase() : void 0;
	if (type !== void 0 && type !== "type_unspecified") out["type"] = schema.nullable === true && type !== "null" ? [type, "null"] : type;
	if (schema.title !== void 0) out["title"] = schema.title;
	if (schema.description !== void 0) out["description"] = schema.description;
	if (schema.enum !== void 0) out["enum"] = schema.enum;
	if (schema.format !== void 0) out["format"] = schema.format;
	if (schema.pattern !== void 0) out["pattern"] = schema.pattern;
	if (schema.default !== void 0) out["default"] = schema.default;
	if (schema.minimum !== void 0) out["minimum"] = schema.minimum;
	if (schema.maximum !== void 0) out["maximum"] = schema.maximum;
	for (const field of INTEGER_FIELDS) {
		const value = schema[field];
		if (value !== void 0 && value !== null && value !== "") out[field] = Number(value);
	}
	if (schema.items !== void 0) out["items"] = geminiSchemaToJsonSchema(schema.items);
	if (schema.properties !== void 0) {
		const properties = {};
		for (const [key, value] of Object.entries(schema.properties)) properties[key] = geminiSchemaToJsonSchema(value);
		out["properties"] = properties;
	}
	if (schema.required !== void 0) out["required"] = schema.required;
	if (schema.anyOf !== void 0) out["anyOf"] = schema.anyOf.map((inner) => geminiSchemaToJsonSchema(inner));
	if (out["type"] === void 0 && schema.nullable === true) out["nullable"] = true;
	return out;
}
/**
* Splits a byte stream into text lines in linear time. Line breaks are found on the bytes (LF, with a CR before
* it removed), so a UTF-8 sequence split across reads is never decoded in halves, and each read is decoded once:
* the complete-line region of a chunk is decoded in one call and split as a string. Only the unfinished tail of a
* read is kept (as a view, not a copy) until the next one. A lone CR is not a line break.
*/
const sharedDecoder = new TextDecoder();
var LineSplitter = class {
	#decoder = sharedDecoder;
	#pending = [];
	#text = "";
	#position = 0;
	/** Calls `onLine` for every complete line in `chunk` (plus bytes held from earlier chunks), without its line break. */
	push(chunk, onLine) {
		this.pushRanges(chunk, (text, start, end) => onLine(start === end ? "" : text.slice(start, end)));
	}
	/**
	* Like {@link push}, but hands out each line as a range of a decoded string (`text.slice(start, end)` is the
	* line), so a parser that needs only part of a line slices once. When `onRange` returns `true` the splitter
	* pauses: the rest of the chunk stays loaded and {@link resume} continues with the next line (so a consumer can
	* turn lines into objects one at a time, as they are needed).
	*/
	pushRanges(chunk, onRange) {
		if (this.#position < this.#text.length) this.#drain(onRange, false);
		const last = chunk.lastIndexOf(10);
		if (last === -1) {
			if (chunk.length > 0) this.#pending.push(chunk);
			return;
		}
		let text;
		if (this.#pending.length === 0) text = this.#decoder.decode(last === chunk.length - 1 ? chunk : chunk.subarray(0, last + 1));
		else {
			text = "";
			for (const piece of this.#pending) text += this.#decoder.decode(piece, { stream: true });
			this.#pending = [];
			text += this.#decoder.decode(chunk.subarray(0, last + 1));
		}
		if (last < chunk.length - 1) this.#pending.push(chunk.subarray(last + 1));
		this.#text = text;
		this.#position = 0;
		this.#drain(onRange, true);
	}
	/** True while lines of the last chunk are loaded but not handed out (after `onRange` asked to pause). */
	get paused() {
		return this.#position < this.#text.length;
	}
	/** Continues handing out the loaded lines, pausing again when `onRange` returns `true`. */
	resume(onRange) {
		this.#drain(onRange, true);
	}
	#drain(onRange, pausable) {
		const text = this.#text;
		const end = text.length;
		let start = this.#position;
		while (start < end) {
			const newline = text.indexOf("\n", start);
			const lineEnd = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
			this.#position = newline + 1;
			if (onRange(text, start, lineEnd) === true && pausable) return;
			start = newline + 1;
		}
		this.#text = "";
		this.#position = 0;
	}
	/** Flushes loaded lines (without pausing) and an unterminated last line, if any. */
	end(onLine) {
		if (this.#position < this.#text.length) this.#drain((text, start, end) => onLine(start === end ? "" : text.slice(start, end)), false);
		if (this.#pending.length === 0) return;
		let text = "";
		for (const piece of this.#pending) text += this.#decoder.decode(piece, { stream: true });
		text += this.#decoder.decode();
		this.#pending = [];
		if (text.endsWith("\r")) text = text.slice(0, -1);
		if (text.length > 0) onLine(text);
	}
};
const NOT_RUNNING = /* @__PURE__ */ new Set([
	"ECONNREFUSED",
	"EAFNOSUPPORT",
	"EHOSTUNREACH",
	"ENETUNREACH",
	"EHOSTDOWN",
	"EADDRNOTAVAIL",
	"EPIPE"
]);
const NO_SUCH_HOST = /* @__PURE__ */ new Set([
	"ENOTFOUND",
	"EAI_AGAIN",
	"EAI_NONAME",
	"EAI_FAIL"
]);
/** The error codes along a `cause` chain (`fetch failed` → `ECONNREFUSED`; `AggregateError` from happy eyeballs). */
function errorCodes(error) {
	const codes = [];
	const seen = /* @__PURE__ */ new Set();
	const visit = (value, depth) => {
		if (depth > 6 || value === null || typeof value !== "object" || seen.has(value)) return;
		seen.add(value);
		const record = value;
		if (typeof record.code === "string") codes.push(record.code);
		if (record.name === "HTTPParserError" || record.name === "ResponseContentLengthMismatchError") codes.push(String(record.name));
		if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1);
		visit(record.cause, depth + 1);
	};
	visit(error, 0);
	return codes;
}
/**
* Maps a failure of `fetch` itself (no HTTP response) to a `SamusError`: connection refused / reset / unreachable
* → `SAMUS_ERR_SERVER_NOT_RUNNING` naming the address; unknown host → `SAMUS_ERR_WRONG_BASE_URL`; undici's own
* connect / headers / body timeouts → `SAMUS_ERR_TIMEOUT` with the phase; a peer that does not speak HTTP →
* `SAMUS_ERR_WRONG_BASE_URL`; anything else → `SAMUS_ERR_SERVER_NOT_RUNNING` with the cause attached. Returns
* `error` unchanged when it already is a `SamusError`.
*/
function mapNetworkError(error, context) {
	if (SamusError.is(error)) return error;
	const baseUrl = context.baseUrl ?? safeOrigin(context.url);
	const codes = errorCodes(error);
	const details = {
		url: context.url,
		baseUrl,
		errorCodes: codes
	};
	if (codes.some((code) => NO_SUCH_HOST.has(code))) return new SamusError("SAMUS_ERR_WRONG_BASE_URL", `The host of ${baseUrl} cannot be resolved (${codes.join(", ")})`, {
		hint: "Check the host name in the base URL (for a server on this machine use 127.0.0.1 or localhost).",
		cause: error,
		details
	});
	if (codes.includes("UND_ERR_CONNECT_TIMEOUT")) return new SamusError("SAMUS_ERR_TIMEOUT", `Could not connect to ${baseUrl} in time (connect timeout)`, {
		cause: error,
		retryable: true,
		details: {
			...details,
			phase: "connect"
		}
	});
	if (codes.includes("UND_ERR_HEADERS_TIMEOUT")) return new SamusError("SAMUS_ERR_TIMEOUT", `${baseUrl} sent no response headers in time (the HTTP client's own headers timeout)`, {
		hint: "Node's fetch waits at most 300 s for headers; a longer model load needs a custom fetch with a larger undici headersTimeout.",
		cause: error,
		retryable: false,
		details: {
			...details,
			phase: "first-byte"
		}
	});
	if (codes.includes("UND_ERR_BODY_TIMEOUT")) return new SamusError("SAMUS_ERR_TIMEOUT", `${baseUrl} stopped sending data (the HTTP client's own body timeout)`, {
		cause: error,
		retryable: false,
		details: {
			...details,
			phase: "idle"
		}
	});
	if (codes.includes("HTTPParserError") || codes.some((code) => code.startsWith("HPE_"))) return new SamusError("SAMUS_ERR_WRONG_BASE_URL", `${baseUrl} does not answer HTTP: another kind of server listens on that port`, {
		cause: error,
		details
	});
	if (codes.includes("UND_ERR_SOCKET") || codes.includes("ECONNRESET")) return new SamusError("SAMUS_ERR_SERVER_ERROR", `${baseUrl} closed the connection before answering`, {
		hint: "The server may have crashed or restarted: check its log, then retry.",
		cause: error,
		details
	});
	if (codes.some((code) => NOT_RUNNING.has(code))) return new SamusError("SAMUS_ERR_SERVER_NOT_RUNNING", `No server is listening at ${baseUrl} (${codes.find((code) => NOT_RUNNING.has(code))})`, {
		hint: `Start the server, or point the base URL at the machine and port where it listens (now ${baseUrl}).`,
		cause: error,
		details
	});
	return new SamusError("SAMUS_ERR_SERVER_NOT_RUNNING", `Could not reach ${baseUrl}: ${error instanceof Error ? error.message : String(error)}${codes.length ? ` (${codes.join(", ")})` : ""}`, {
		hint: `Check that the server runs and that the base URL (${baseUrl}) is right.`,
		cause: error,
		details
	});
}
function safeOrigin(url) {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}
let deadlineCounter = 0;
const processTag$1 = Math.random().toString(36).slice(2, 10);
/**
* Per-phase timeouts and caller abort for one HTTP attempt, as one `AbortSignal` usable with plain `fetch`:
*
* - `connect`: from the start until the request is written to an open connection (DNS, TCP, TLS);
* - `first-byte`: from then until the first body bytes arrive (call {@link firstByte}); this covers a model
*   load, so it is long;
* - `idle`: the longest silence between two reads after that (call {@link activity} on every read; it only
*   stores a timestamp, the single timer re-arms itself);
* - `total`: the whole operation.
*
* When a phase runs out, {@link signal} aborts with a `SAMUS_ERR_TIMEOUT` whose `details.phase` names it; when the
* caller aborts, with `SAMUS_ERR_ABORTED`. Use {@link toError} to turn whatever `fetch` or the body reader threw
* into that error. Call {@link dispose} when the attempt is over.
*/
var RequestDeadline = class {
	#controller = new AbortController();
	#timeouts;
	#url;
	#callerSignal;
	#id;
	#totalAt;
	#phase = "connect";
	#phaseStartedAt;
	#lastActivity = 0;
	#timer;
	#timerAt = Infinity;
	#untrack;
	#dispatched = false;
	#error;
	#onCallerAbort = () => {
		const reason = this.#callerSignal?.reason;
		this.#abort(new SamusError("SAMUS_ERR_ABORTED", `The request${this.#url ? ` to ${this.#url}` : ""} was aborted by the caller`, { cause: reason }));
	};
	constructor(options) {
		this.#timeouts = options.timeouts;
		this.#url = options.url;
		this.#callerSignal = options.signal;
		const now = performance.now();
		this.#phaseStartedAt = now;
		const totalMs = this.#timeouts.totalMs ?? 0;
		this.#totalAt = totalMs > 0 ? (options.startedAt ?? now) + totalMs : Infinity;
		deadlineCounter += 1;
		this.#id = `${processTag$1}-${deadlineCounter}`;
		if (this.#callerSignal?.aborted) {
			this.#onCallerAbort();
			return;
		}
		this.#callerSignal?.addEventListener("abort", this.#onCallerAbort, { once: true });
		const connectMs = this.#timeouts.connectMs ?? 0;
		if (options.trackConnect !== false && connectMs > 0) {
			this.#untrack = trackConnectPhase(this.#id, this);
			this.#schedule();
		} else this.#enter("first-byte");
	}
	/** Aborts on any phase timeout or caller abort. Pass it to `fetch`. */
	get signal() {
		return this.#controller.signal;
	}
	/** The current phase. */
	get phase() {
		return this.#phase;
	}
	/** The header to send with the request so the connect phase can be observed (`[name, value]`). */
	get header() {
		return [CORRELATION_HEADER, this.#id];
	}
	/** The error the signal was aborted with, if it was. */
	get error() {
		return this.#error;
	}
	/** The HTTP client created the request (connect-phase tracking works here). @internal */
	dispatched() {
		this.#dispatched = true;
	}
	/** The request is on an open connection: the connect phase is over. @internal */
	connected() {
		if (this.#phase === "connect") this.#enter("first-byte");
	}
	/** The first body bytes arrived: from now on only silence between reads counts. */
	firstByte() {
		if (this.#phase === "idle") return;
		this.#lastActivity = performance.now();
		this.#enter("idle");
	}
	/** A read arrived (cheap: stores a timestamp). */
	activity() {
		this.#lastActivity = performance.now();
	}
	/**
	* The timeout / abort error when this deadline aborted the request (so whatever `fetch` or a body read threw
	* because of it can be replaced by it); otherwise `undefined`.
	*/
	toError(_error) {
		return this.#error;
	}
	/** Stops the timer and the caller-signal listener. Idempotent. */
	dispose() {
		if (this.#timer !== void 0) clearTimeout(this.#timer);
		this.#timer = void 0;
		this.#timerAt = Infinity;
		this.#untrack?.();
		this.#untrack = void 0;
		this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
	}
	#enter(phase) {
		if (this.#error) return;
		if (phase !== "connect") {
			this.#untrack?.();
			this.#untrack = void 0;
		}
		this.#phase = phase;
		this.#phaseStartedAt = performance.now();
		this.#schedule();
	}
	/** When the current phase runs out (`Infinity` when it has no limit). */
	#phaseDeadline() {
		const limit = this.#phase === "connect" ? this.#timeouts.connectMs : this.#phase === "first-byte" ? this.#timeouts.firstByteMs : this.#timeouts.idleMs;
		if (limit === void 0 || limit <= 0) return Infinity;
		return (this.#phase === "idle" ? this.#lastActivity : this.#phaseStartedAt) + limit;
	}
	/** Makes sure the timer fires no later than the earliest deadline. */
	#schedule() {
		const at = Math.min(this.#phaseDeadline(), this.#totalAt);
		if (at === Infinity || at >= this.#timerAt) return;
		if (this.#timer !== void 0) clearTimeout(this.#timer);
		this.#timerAt = at;
		this.#timer = setTimeout(() => this.#fire(), Math.max(1, at - performance.now()));
		this.#timer.unref?.();
	}
	#fire() {
		this.#timer = void 0;
		this.#timerAt = Infinity;
		if (this.#error) return;
		const now = performance.now();
		if (now >= this.#totalAt) {
			this.#timeout("total", this.#timeouts.totalMs ?? 0);
			return;
		}
		if (now >= this.#phaseDeadline()) {
			if (this.#phase === "connect" && !this.#dispatched) {
				this.#untrack?.();
				this.#untrack = void 0;
				this.#phase = "first-byte";
				this.#schedule();
				return;
			}
			const limit = this.#phase === "connect" ? this.#timeouts.connectMs : this.#phase === "first-byte" ? this.#timeouts.firstByteMs : this.#timeouts.idleMs;
			this.#timeout(this.#phase, limit ?? 0);
			return;
		}
		this.#schedule();
	}
	#timeout(phase, ms) {
		const where = this.#url ? ` from ${this.#url}` : "";
		const messages = {
			connect: `Could not connect${this.#url ? ` to ${this.#url}` : ""} within ${ms} ms (connect timeout)`,
			"first-byte": `No response${where} within ${ms} ms (first-byte timeout); a first request may be loading the model`,
			idle: `The stream${where} was silent for ${ms} ms (idle timeout)`,
			total: `The request${where} took longer than ${ms} ms (total timeout)`
		};
		const option = phase === "first-byte" ? "firstByteMs" : `${phase}Ms`;
		this.#abort(new SamusError("SAMUS_ERR_TIMEOUT", messages[phase], {
			hint: `Raise timeouts.${option} (now ${ms} ms)${phase === "first-byte" ? "; loading a large model can take minutes" : ""}.`,
			retryable: phase === "connect",
			details: {
				phase,
				timeoutMs: ms,
				...this.#url ? { url: this.#url } : {}
			}
		}));
	}
	#abort(error) {
		if (this.#error) return;
		this.#error = error;
		this.dispose();
		this.#controller.abort(error);
	}
};
const CONTEXT_OVERFLOW = /context (length|window|size)|maximum context|too many tokens|exceeds? the (model'?s? )?(context|maximum)|prompt is too long|context.{0,20}overflow|tokens to keep/i;
const CAPABILITY = /does not support (tools|thinking|images|vision|embeddings|chat|generate|insert)|not support(ed)? .{0,20}(tool|function calling)|is not an embedding model|cannot be used for embeddings/i;
const MEMORY = /(out of|insufficient|not enough) (system )?memory|requires more system memory|failed to allocate|cudaMalloc|\bOOM\b/i;
const MODEL_NOT_FOUND = /model .{0,120}not (be )?found|no such model|unknown model|invalid model identifier|model_not_found|model ['"].*['"] does not exist|pull(ing)? it first/i;
const MODEL_NOT_LOADED = /no models? (is )?loaded|model (is )?not loaded|failed to load model|please load a model/i;
const WRONG_ENDPOINT = /unexpected endpoint|404 page not found|cannot (post|get) |not found: (post|get)|no route|unknown (path|route|endpoint)/i;
/** The human-readable message of an OpenAI-style error body (`{"error":"..."}` or `{"error":{"message":"..."}}`). */
function errorBodyMessage(error) {
	if (typeof error === "string") return error;
	if (error === null || typeof error !== "object") return void 0;
	const record = error;
	if (typeof record.message === "string") return record.message;
	if (typeof record.error === "string") return record.error;
	if (record.error && typeof record.error === "object") return errorBodyMessage(record.error);
	if (typeof record.detail === "string") return record.detail;
}
/**
* Classifies a server's error message by what it says (used for HTTP errors and for errors inside a 200 stream):
* context overflow, missing capability, memory, model not found / not loaded, wrong endpoint. Returns `undefined`
* when the message matches none of these.
*/
function classifyErrorMessage(message) {
	if (MODEL_NOT_LOADED.test(message)) return "SAMUS_ERR_MODEL_NOT_LOADED";
	if (MODEL_NOT_FOUND.test(message)) return "SAMUS_ERR_MODEL_NOT_FOUND";
	if (CONTEXT_OVERFLOW.test(message)) return "SAMUS_ERR_CONTEXT_OVERFLOW";
	if (CAPABILITY.test(message)) return "SAMUS_ERR_CAPABILITY_MISSING";
	if (MEMORY.test(message)) return "SAMUS_ERR_INSUFFICIENT_MEMORY";
	if (WRONG_ENDPOINT.test(message)) return "SAMUS_ERR_WRONG_BASE_URL";
}
/**
* Maps every `openai` error class to a `SamusError` with the original as `cause`:
*
* | openai class | code |
* |---|---|
* | `APIUserAbortError` | `SAMUS_ERR_ABORTED` |
* | `APIConnectionTimeoutError` | `SAMUS_ERR_TIMEOUT` (`details.phase`) |
* | `APIConnectionError` | by its cause: `SERVER_NOT_RUNNING`, `WRONG_BASE_URL`, `TIMEOUT`, `SERVER_ERROR` |
* | `BadRequestError` (400) | `INVALID_REQUEST`, or what the message says (context overflow, capability, model) |
* | `AuthenticationError` (401), `PermissionDeniedError` (403) | `SAMUS_ERR_UNAUTHORIZED` |
* | `NotFoundError` (404) | `MODEL_NOT_FOUND` when the message names a model, else `WRONG_BASE_URL` |
* | `ConflictError` (409) | `SAMUS_ERR_SERVER_ERROR` (retryable) |
* | `UnprocessableEntityError` (422) | `SAMUS_ERR_INVALID_REQUEST` |
* | `RateLimitError` (429) | `SAMUS_ERR_RATE_LIMITED` |
* | `InternalServerError` (5xx) | `SAMUS_ERR_SERVER_ERROR` (retryable), or what the message says (memory, model) |
* | other `APIError` | `SAMUS_ERR_WRONG_BASE_URL` for 405 / 3xx, else `SAMUS_ERR_INVALID_RESPONSE` |
*
* Non-openai errors go through {@link mapNetworkError}; a `SamusError` is returned as is.
*/
function mapOpenAIError(error, context) {
	if (SamusError.is(error)) return error;
	const where = context.baseUrl;
	const baseDetails = {
		provider: context.provider,
		model: context.model,
		baseUrl: context.baseUrl,
		url: context.url
	};
	if (error instanceof APIUserAbortError) return new SamusError("SAMUS_ERR_ABORTED", (context.deadlineError?.code === "SAMUS_ERR_ABORTED" ? context.deadlineError : void 0)?.message ?? `The request to ${where} was aborted by the caller`, {
		cause: error,
		details: baseDetails
	});
	if (error instanceof APIConnectionTimeoutError) {
		const template = context.deadlineError?.code === "SAMUS_ERR_TIMEOUT" ? context.deadlineError : void 0;
		const phase = template?.details["phase"] ?? context.phase ?? "total";
		return new SamusError("SAMUS_ERR_TIMEOUT", template?.message ?? `The request to ${where} timed out (${phase} timeout)`, {
			cause: error,
			...template ? {
				hint: template.hint,
				retryable: template.retryable
			} : { retryable: phase === "connect" },
			details: {
				...baseDetails,
				...template?.details,
				phase
			}
		});
	}
	if (error instanceof APIConnectionError) {
		const mapped = mapNetworkError(error.cause ?? error, {
			url: context.url,
			baseUrl: context.baseUrl
		});
		return new SamusError(mapped.code, mapped.message, {
			cause: error,
			hint: mapped.hint,
			retryable: mapped.retryable,
			details: {
				...baseDetails,
				...mapped.details
			}
		});
	}
	if (error instanceof APIError) {
		const status = error.status;
		const serverMessage = errorBodyMessage(error.error) ?? error.message;
		const details = {
			...baseDetails,
			status,
			serverMessage: serverMessage.slice(0, 2e3)
		};
		const said = classifyErrorMessage(serverMessage);
		const make = (code, message, extra = {}) => new SamusError(code, message, {
			cause: error,
			details,
			...extra
		});
		const quoted = JSON.stringify(serverMessage.length > 300 ? `${serverMessage.slice(0, 300)}…` : serverMessage);
		if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return make("SAMUS_ERR_UNAUTHORIZED", `${where} refused the request (HTTP ${status}): ${quoted}`, { ...error instanceof PermissionDeniedError ? { hint: "Set the API key or token the server expects, and check that the server allows requests from this client." } : {} });
		if (error instanceof RateLimitError) return make("SAMUS_ERR_RATE_LIMITED", `${where} is rate limiting requests (HTTP 429): ${quoted}`);
		if (said === "SAMUS_ERR_MODEL_NOT_FOUND" || said === "SAMUS_ERR_MODEL_NOT_LOADED") return make(said, `Model "${context.model}" is ${said === "SAMUS_ERR_MODEL_NOT_FOUND" ? "not available" : "not loaded"} on ${where}: ${quoted}`);
		if (error instanceof NotFoundError) return make("SAMUS_ERR_WRONG_BASE_URL", `${context.url} does not exist on ${where} (HTTP 404): ${quoted}`, { hint: "Check the base URL: give the server address without the API path (e.g. http://127.0.0.1:1234), the provider adds /v1." });
		if (error instanceof BadRequestError || error instanceof UnprocessableEntityError) {
			if (said && said !== "SAMUS_ERR_WRONG_BASE_URL") return make(said, `${where} rejected the request: ${quoted}`);
			return make("SAMUS_ERR_INVALID_REQUEST", `${where} rejected the request (HTTP ${status}): ${quoted}`);
		}
		if (error instanceof ConflictError) return make("SAMUS_ERR_SERVER_ERROR", `${where} reported a conflict (HTTP 409): ${quoted}`, { retryable: true });
		if (error instanceof InternalServerError) {
			if (said === "SAMUS_ERR_INSUFFICIENT_MEMORY" || said === "SAMUS_ERR_CONTEXT_OVERFLOW" || said === "SAMUS_ERR_CAPABILITY_MISSING") return make(said, `${where} failed: ${quoted}`);
			return make("SAMUS_ERR_SERVER_ERROR", `${where} failed (HTTP ${status}): ${quoted}`);
		}
		if (status === void 0) {
			if (said) return make(said, `${where} reported an error: ${quoted}`);
			return make("SAMUS_ERR_SERVER_ERROR", `${where} reported an error: ${quoted}`, { retryable: false });
		}
		if (status === 405 || status >= 300 && status < 400 || said === "SAMUS_ERR_WRONG_BASE_URL") return make("SAMUS_ERR_WRONG_BASE_URL", `${context.url} answered HTTP ${status}: ${quoted}`);
		return make("SAMUS_ERR_INVALID_RESPONSE", `${where} answered HTTP ${status}: ${quoted}`);
	}
	return mapNetworkError(error, {
		url: context.url,
		baseUrl: context.baseUrl
	});
}
function toPart(part) {
	return typeof part === "string" ? { text: part } : part;
}
function isContent(value) {
	return typeof value === "object" && value !== null && ("parts" in value || "role" in value);
}
/**
* Turns the `@google/genai` content unions into a `Content[]`, the way `@google/genai` does: a string or part
* becomes one user message, an array of parts one user message, an array of contents stays as it is.
*/
function normalizeContents(contents) {
	if (contents === void 0 || contents === null) return [];
	if (Array.isArray(contents)) {
		if (contents.length === 0) return [];
		if (contents.every((item) => isContent(item))) return contents;
		const result = [];
		let loose = [];
		for (const item of contents) if (isContent(item)) {
			if (loose.length > 0) result.push({
				role: "user",
				parts: loose
			});
			loose = [];
			result.push(item);
		} else loose.push(toPart(item));
		if (loose.length > 0) result.push({
			role: "user",
			parts: loose
		});
		return result;
	}
	if (isContent(contents)) return [contents];
	return [{
		role: "user",
		parts: [toPart(contents)]
	}];
}
/** Turns a `ContentUnion` (a system instruction) into one `Content`, or `undefined` when empty. */
function normalizeContent(content) {
	if (content === void 0 || content === null) return void 0;
	if (Array.isArray(content)) return { parts: content.map((part) => toPart(part)) };
	if (isContent(content)) return content;
	return { parts: [toPart(content)] };
}
/** The concatenated text of a content's non-thought text parts. */
function contentText(content) {
	let text = "";
	for (const part of content?.parts ?? []) if (typeof part.text === "string" && part.thought !== true) text += part.text;
	return text;
}
/**
* The texts to embed, one per input the way `@google/genai`'s `embedContent` reads `contents`: every element of
* an array (string, part or content) is its own input; a single value is one input.
*/
function embeddingTexts(contents) {
	return (Array.isArray(contents) ? contents : [contents]).map((item) => {
		if (typeof item === "string") return item;
		if (isContent(item)) return contentText(item);
		return typeof item.text === "string" ? item.text : "";
	});
}
/** The defaults of {@link OpenAICompatibleCapabilities}. */
const DEFAULT_CAPABILITIES = Object.freeze({
	streamUsage: true,
	jsonObjectResponseFormat: true,
	topK: true,
	reasoningStartsOpen: false,
	embeddingsEncodingFormat: true
});
/**
* A linear-time server-sent-events parser on top of {@link LineSplitter}. Follows the WHATWG rules that matter for
* LLM servers: `data:` lines (with or without the space) are joined with `\n`, a blank line dispatches the event,
* `:` comment / keep-alive lines and `id:` / `retry:` fields are ignored. A final event without its blank line is
* still dispatched at the end of the stream (servers that close right after the last `data:` line).
*/
var SseParser = class {
	#lines = new LineSplitter();
	#onEvent;
	#data;
	#event;
	#onLine = (line) => {
		this.#line(line, 0, line.length);
	};
	#onRange = (text, start, end) => this.#line(text, start, end);
	constructor(onEvent) {
		this.#onEvent = onEvent;
	}
	/** Feeds one chunk of the body. */
	push(chunk) {
		this.#lines.pushRanges(chunk, this.#onRange);
	}
	/** True when the handler paused the parser with events of the last chunk still to come. */
	get paused() {
		return this.#lines.paused;
	}
	/** Continues after a pause. */
	resume() {
		this.#lines.resume(this.#onRange);
	}
	/** Ends the stream: flushes an unterminated line and a pending event. */
	end() {
		this.#lines.end(this.#onLine);
		this.#dispatch();
	}
	#line(text, start, end) {
		if (start === end) return this.#dispatch();
		const first = text.charCodeAt(start);
		if (first === 100 && text.startsWith("data:", start)) {
			const value = text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end);
			this.#data = this.#data === void 0 ? value : `${this.#data}\n${value}`;
			return false;
		}
		if (first === 101 && text.startsWith("event:", start)) this.#event = text.slice(text.charCodeAt(start + 6) === 32 ? start + 7 : start + 6, end);
		return false;
	}
	#dispatch() {
		const data = this.#data;
		if (data === void 0) {
			this.#event = void 0;
			return false;
		}
		const event = this.#event;
		this.#data = void 0;
		this.#event = void 0;
		return this.#onEvent(data, event) === true;
	}
};
/**
* Decodes an OpenAI-compatible `chat.completion.chunk` SSE stream: {@link SseParser} for the framing,
* `JSON.parse` per event (no schema validation), {@link ChatCompletionChunkConverter} for the content. `[DONE]`
* marks a complete stream; events after it are ignored. Malformed JSON throws `SAMUS_ERR_INVALID_RESPONSE`; an
* `error` object inside the stream throws what `streamError` returns.
*
* The first byte tells what the server really sent, whatever its content type says: `<` is a web page
* (`SAMUS_ERR_WRONG_BASE_URL`); `{` is one JSON document (a server that ignored `stream: true` — its completion
* becomes one response —, an `{"error": …}` body sent with status 200, or some other API:
* `SAMUS_ERR_WRONG_BASE_URL`); a body without any event is `SAMUS_ERR_INVALID_RESPONSE`.
*/
const PAUSE = false;
var OpenAIStreamDecoder = class {
	#parser;
	#converter;
	#streamError;
	#sink;
	#options;
	#done = false;
	#events = 0;
	#emitted = false;
	/** 0: nothing read yet; 1: an event stream; 2: a JSON document, buffered in #document. */
	#kind = 0;
	#document = [];
	#firstBytes;
	constructor(sink, options) {
		this.#sink = sink;
		this.#options = options;
		this.#converter = new ChatCompletionChunkConverter({
			response: (response) => {
				this.#emitted = true;
				sink.response(response);
			},
			output: (textLength) => sink.output(textLength)
		}, options);
		this.#streamError = options.streamError;
		this.#parser = new SseParser((data, event) => this.#onEvent(data, event));
	}
	get complete() {
		return this.#done || this.#converter.finished;
	}
	get partialText() {
		return this.#converter.text;
	}
	get finishReason() {
		return this.#converter.rawFinishReason;
	}
	get usage() {
		return this.#converter.usage;
	}
	get lastMessage() {
		return this.#converter.lastChunk;
	}
	/** Number of data events seen (0 means the body was not an event stream at all). */
	get eventCount() {
		return this.#events;
	}
	get paused() {
		return this.#parser.paused;
	}
	resume() {
		this.#parser.resume();
	}
	push(bytes) {
		if (this.#kind === 1) {
			this.#parser.push(bytes);
			return;
		}
		if (this.#kind === 0) this.#sniff(bytes);
		const kind = this.#kind;
		if (kind === 2) this.#document.push(bytes);
		else if (kind === 1) this.#parser.push(bytes);
	}
	end() {
		if (this.#kind === 2) {
			this.#endDocument();
			return;
		}
		this.#parser.end();
		if (this.#events === 0 && !this.#done && this.#firstBytes !== void 0) {
			const prefix = Buffer.from(this.#firstBytes).toString("utf8");
			throw new SamusError("SAMUS_ERR_INVALID_RESPONSE", `The server did not answer with an event stream: ${JSON.stringify(prefix)}`, { details: { body: prefix } });
		}
		this.#converter.end(this.complete);
	}
	#sniff(bytes) {
		let index = 0;
		while (index < bytes.length && (bytes[index] === 32 || bytes[index] === 10 || bytes[index] === 13 || bytes[index] === 9 || bytes[index] === 239 || bytes[index] === 187 || bytes[index] === 191)) index += 1;
		if (index === bytes.length) return;
		const first = bytes[index];
		this.#firstBytes = bytes.subarray(index, index + 160);
		if (first === 60) throw new SamusError("SAMUS_ERR_WRONG_BASE_URL", "The server answered with a web page, not the OpenAI-compatible API", {
			hint: "The base URL points at a web server or proxy, not the model server: check host, port and path.",
			details: { body: Buffer.from(this.#firstBytes).toString("utf8") }
		});
		this.#kind = first === 123 ? 2 : 1;
	}
	#endDocument() {
		const text = Buffer.concat(this.#document).toString("utf8");
		let body;
		try {
			body = JSON.parse(text);
		} catch (error) {
			throw new SamusError("SAMUS_ERR_INVALID_RESPONSE", `The server answered with something that is neither an event stream nor JSON: ${JSON.stringify(text.slice(0, 120))}`, {
				cause: error,
				details: { body: text.slice(0, 200) }
			});
		}
		const record = body ?? {};
		if (Array.isArray(record.choices)) {
			this.#done = true;
			const response = chatCompletionToResponse(body, this.#options);
			const text = response.text ?? "";
			this.#sink.output(text.length);
			this.#sink.response(response);
			return;
		}
		if (record.error !== void 0 && record.error !== null) throw this.#streamError(record.error, "");
		throw new SamusError("SAMUS_ERR_WRONG_BASE_URL", `The server answered JSON without "choices": this is not an OpenAI-compatible chat endpoint`, { details: { body: text.slice(0, 200) } });
	}
	/** Handles one event; returns `true` (pause) when it produced a response. */
	#onEvent(data, event) {
		if (this.#done) return false;
		if (data === "[DONE]") {
			this.#done = true;
			return false;
		}
		this.#events += 1;
		let chunk;
		try {
			chunk = JSON.parse(data);
		} catch (error) {
			throw new SamusError("SAMUS_ERR_INVALID_RESPONSE", `The server sent a stream event that is not JSON: ${JSON.stringify(data.slice(0, 120))}`, {
				cause: error,
				details: {
					event: data.slice(0, 200),
					partialText: this.#converter.text
				}
			});
		}
		if (chunk === null || typeof chunk !== "object") throw new SamusError("SAMUS_ERR_INVALID_RESPONSE", `The server sent a stream event that is not an object: ${JSON.stringify(data.slice(0, 120))}`, { details: {
			event: data.slice(0, 200),
			partialText: this.#converter.text
		} });
		if (chunk.error !== void 0 && chunk.error !== null) throw this.#streamError(chunk.error, this.#converter.text);
		if (event === "error") throw this.#streamError(chunk, this.#converter.text);
		this.#emitted = false;
		this.#converter.push(chunk);
		return this.#emitted && PAUSE;
	}
};
let requestCounter = 0;
const processTag = Math.random().toString(36).slice(2, 8);
/** A request id unique in this process (`<random>-<n>`), cheap to make. */
function createRequestId() {
	requestCounter += 1;
	return `${processTag}-${requestCounter}`;
}
/**
* Emits the kernel's events for one request: `request:start` (per attempt), `request:retry`,
* `response:first-token` (time to first token), `response:chunk` (only built when someone listens),
* `response:finish` (duration, TTFT, tokens/s, usage, server timings) and `request:error`. Without an event bus
* every method is a no-op. Times come from `performance.now()`; the clock starts at construction.
*/
var RequestMetrics = class {
	base;
	#events;
	#startedAt = performance.now();
	#firstTokenAt = 0;
	#lastChunkAt = 0;
	#chunks = 0;
	#done = false;
	constructor(events, base) {
		this.#events = events;
		this.base = {
			requestId: base.requestId ?? createRequestId(),
			provider: base.provider,
			model: base.model,
			baseUrl: base.baseUrl
		};
	}
	/** When the operation started (`performance.now()`). */
	get startedAt() {
		return this.#startedAt;
	}
	/** True once the first token was reported. */
	get hasFirstToken() {
		return this.#firstTokenAt !== 0;
	}
	/** Number of output chunks reported so far. */
	get chunkCount() {
		return this.#chunks;
	}
	/** True when someone listens to `response:finish` (so building its details is worth it). */
	get wantsFinish() {
		return this.#events !== void 0 && this.#events.has("response:finish");
	}
	start(stream, attempt) {
		const events = this.#events;
		if (events !== void 0 && events.has("request:start")) events.emit("request:start", {
			...this.base,
			stream,
			attempt
		});
	}
	retry(attempt, delayMs, error) {
		this.#events?.emit("request:retry", {
			...this.base,
			attempt,
			delayMs,
			error
		});
	}
	/** Reports one output chunk (text, thought or function call) of `textLength` characters. */
	chunk(textLength) {
		this.#chunks += 1;
		const events = this.#events;
		if (this.#firstTokenAt === 0) {
			const now = performance.now();
			this.#firstTokenAt = now;
			this.#lastChunkAt = now;
			if (events !== void 0 && events.has("response:first-token")) events.emit("response:first-token", {
				...this.base,
				ttftMs: now - this.#startedAt
			});
		}
		if (events !== void 0 && events.has("response:chunk")) {
			const now = performance.now();
			events.emit("response:chunk", {
				...this.base,
				gapMs: now - this.#lastChunkAt,
				textLength
			});
			this.#lastChunkAt = now;
		}
	}
	finish(metrics = {}) {
		if (this.#done) return;
		this.#done = true;
		const events = this.#events;
		if (events === void 0 || !events.has("response:finish")) return;
		const now = performance.now();
		const ttftMs = this.#firstTokenAt === 0 ? void 0 : this.#firstTokenAt - this.#startedAt;
		const tokens = metrics.outputTokens ?? (this.#chunks > 0 ? this.#chunks : void 0);
		const generationMs = this.#firstTokenAt === 0 ? 0 : now - this.#firstTokenAt;
		const tokensPerSecond = tokens !== void 0 && generationMs > 0 && tokens > 1 ? (tokens - 1) * 1e3 / generationMs : void 0;
		events.emit("response:finish", {
			...this.base,
			durationMs: now - this.#startedAt,
			...ttftMs === void 0 ? {} : { ttftMs },
			...metrics.outputTokens === void 0 ? {} : { outputTokens: metrics.outputTokens },
			...tokensPerSecond === void 0 ? {} : { tokensPerSecond },
			...metrics.finishReason === void 0 ? {} : { finishReason: metrics.finishReason },
			...metrics.server === void 0 ? {} : { server: metrics.server }
		});
	}
	error(error) {
		if (this.#done) return;
		this.#done = true;
		this.#events?.emit("request:error", {
			...this.base,
			error,
			afterFirstToken: this.#firstTokenAt !== 0
		});
	}
};
/**
* A hand-written `AsyncGenerator` over a queue: `next()` hands out queued values as already-resolved promises and
* only calls {@link QueuedAsyncGenerator.pull} when the queue is empty. Consumed with `for await`, this costs one
* microtask per value, several times less than an `async function*` (whose `yield` awaits internally), which
* matters at thousands of stream chunks per second.
*
* Subclasses implement `pull()` (read input, `enqueue()` zero or more values, return `false` at the end) and
* `close()` (release resources: called once, on end, error, `return()` or `throw()`), and may implement
* `pullSync()` to hand out values from input already read without a trip through the event loop.
*/
var QueuedAsyncGenerator = class {
	#queue = [];
	#head = 0;
	#finished = false;
	#closed = false;
	#pendingPulls = 0;
	#tail;
	/**
	* Optional: produces values synchronously from input already at hand (e.g. the rest of a read that is decoded
	* on demand). Called by `next()` when the queue is empty, before going asynchronous; returns `true` when it
	* enqueued something. Must not throw: keep an error for the next `pull()`.
	*/
	pullSync() {
		return false;
	}
	/** Adds a value for the consumer. */
	enqueue(value) {
		this.#queue.push(value);
	}
	/** Number of values waiting for the consumer. */
	get queued() {
		return this.#queue.length - this.#head;
	}
	next() {
		if (this.#pendingPulls === 0 && !this.#finished && (this.#head < this.#queue.length || this.pullSync() && this.#head < this.#queue.length)) return Promise.resolve({
			value: this.#take(),
			done: false
		});
		this.#pendingPulls += 1;
		const run = () => this.#pullNext();
		const result = this.#tail === void 0 ? run() : this.#tail.then(run, run);
		this.#tail = result;
		return result;
	}
	async return() {
		if (!this.#finished) {
			this.#finished = true;
			this.#queue = [];
			this.#head = 0;
			await this.#close("return");
		}
		return {
			value: void 0,
			done: true
		};
	}
	async throw(error) {
		if (!this.#finished) {
			this.#finished = true;
			this.#queue = [];
			this.#head = 0;
			await this.#close("return");
		}
		throw error;
	}
	[Symbol.asyncIterator]() {
		return this;
	}
	async [Symbol.asyncDispose]() {
		await this.return();
	}
	#take() {
		const value = this.#queue[this.#head++];
		if (this.#head === this.#queue.length) {
			this.#queue.length = 0;
			this.#head = 0;
		}
		return value;
	}
	async #pullNext() {
		try {
			while (this.#head >= this.#queue.length) {
				if (this.#finished) return {
					value: void 0,
					done: true
				};
				let more;
				try {
					more = await this.pull();
				} catch (error) {
					this.#finished = true;
					this.#queue = [];
					this.#head = 0;
					await this.#close("error");
					throw error;
				}
				if (!more) {
					this.#finished = true;
					await this.#close("end");
					if (this.#head >= this.#queue.length) return {
						value: void 0,
						done: true
					};
				}
			}
			return {
				value: this.#take(),
				done: false
			};
		} finally {
			this.#pendingPulls -= 1;
			if (this.#pendingPulls === 0) this.#tail = void 0;
		}
	}
	async #close(reason) {
		if (this.#closed) return;
		this.#closed = true;
		await this.close(reason);
	}
};
/**
* The stream `generateContentStream` returns: opens the request on the first `next()`, reads the body with a
* reader (no stream chains), feeds each read to a {@link StreamDecoder} and hands out its responses. Breaking out
* of `for await` (or `return()`) cancels the body, which closes the connection so the server stops generating.
*/
var ResponseStream = class extends QueuedAsyncGenerator {
	#options;
	#sink;
	#opened;
	#reader;
	#decoder;
	#gotBytes = false;
	#ended = false;
	#syncError;
	constructor(options) {
		super();
		this.#options = options;
		const metrics = options.metrics;
		this.#sink = {
			response: (response) => this.enqueue(response),
			output: (textLength) => metrics.chunk(textLength)
		};
	}
	pullSync() {
		const decoder = this.#decoder;
		if (decoder === void 0 || decoder.paused !== true || this.#syncError !== void 0) return false;
		try {
			decoder.resume?.();
		} catch (error) {
			this.#syncError = error;
			return false;
		}
		return this.queued > 0;
	}
	async pull() {
		if (this.#syncError !== void 0) throw this.#fail(this.#syncError);
		if (this.#ended) return this.queued > 0;
		if (this.#reader === void 0) {
			if (await this.#open()) return true;
		}
		const reader = this.#reader;
		const decoder = this.#decoder;
		const deadline = this.#opened.deadline;
		while (decoder.paused === true) {
			try {
				decoder.resume?.();
			} catch (error) {
				throw this.#fail(error);
			}
			if (this.queued > 0) return true;
		}
		for (;;) {
			let result;
			try {
				result = await reader.read();
			} catch (error) {
				if (!decoder.complete) throw this.#fail(this.#options.mapReadError(error, deadline, this.#options.metrics.hasFirstToken, decoder.partialText));
				result = {
					done: true,
					value: void 0
				};
			}
			if (result.done) {
				this.#ended = true;
				try {
					decoder.end();
				} catch (error) {
					throw this.#fail(error);
				}
				if (!decoder.complete) throw this.#fail(this.#interrupted(decoder));
				this.#finish(decoder);
				return this.queued > 0;
			}
			if (this.#gotBytes) deadline.activity();
			else {
				this.#gotBytes = true;
				deadline.firstByte();
			}
			try {
				decoder.push(result.value);
			} catch (error) {
				throw this.#fail(error);
			}
			if (this.queued > 0) return true;
		}
	}
	async close(reason) {
		this.#opened?.deadline.dispose();
		if (reason === "return" && this.#decoder && !this.#ended) this.#finish(this.#decoder);
		if (reason !== "end" && this.#reader) try {
			await this.#reader.cancel();
		} catch {}
		else if (reason !== "end" && this.#opened && !this.#reader) await this.#opened.response.body?.cancel().catch(() => void 0);
	}
	async #open() {
		const { open, prepare, createDecoder, metrics } = this.#options;
		let opened;
		try {
			opened = await open();
		} catch (error) {
			throw this.#fail(error);
		}
		this.#opened = opened;
		let ready;
		try {
			const prepared = prepare?.(opened);
			ready = prepared === void 0 ? void 0 : await prepared;
		} catch (error) {
			throw this.#fail(error);
		}
		if (ready) {
			this.#ended = true;
			for (const response of ready) {
				metrics.chunk(response.text?.length ?? 0);
				this.enqueue(response);
			}
			const last = ready.at(-1);
			metrics.finish({
				...last?.usageMetadata?.candidatesTokenCount === void 0 ? {} : { outputTokens: last.usageMetadata.candidatesTokenCount },
				...last?.candidates?.[0]?.finishReason ? { finishReason: last.candidates[0].finishReason } : {}
			});
			opened.deadline.dispose();
			return true;
		}
		const body = opened.response.body;
		if (!body) throw this.#fail(new SamusError("SAMUS_ERR_INVALID_RESPONSE", `${opened.url} answered without a body`, { details: { url: opened.url } }));
		this.#reader = body.getReader();
		this.#decoder = createDecoder(this.#sink);
		return false;
	}
	#interrupted(decoder) {
		const url = this.#opened?.url ?? "";
		const partialText = decoder.partialText;
		if (this.#options.metrics.hasFirstToken) return new SamusError("SAMUS_ERR_STREAM_INTERRUPTED", `The stream from ${url} ended before the answer was complete (no finish reason, no [DONE])`, { details: {
			url,
			partialText
		} });
		return new SamusError("SAMUS_ERR_SERVER_ERROR", `${url} ended the stream before sending any output`, {
			hint: "The server failed while answering (it may have run out of memory or crashed): check its log, then retry.",
			retryable: false,
			details: {
				url,
				partialText
			}
		});
	}
	#finish(decoder) {
		const metrics = this.#options.metrics;
		if (!metrics.wantsFinish) {
			metrics.finish();
			return;
		}
		const usage = decoder.usage;
		const finish = {};
		if (usage?.candidatesTokenCount !== void 0) finish.outputTokens = usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0);
		if (decoder.finishReason !== void 0) finish.finishReason = decoder.finishReason;
		const timings = this.#options.serverTimings?.(decoder.lastMessage);
		if (timings) finish.server = timings;
		else if (usage && (usage.promptTokenCount !== void 0 || usage.candidatesTokenCount !== void 0)) {
			finish.server = {};
			if (usage.promptTokenCount !== void 0) finish.server.promptTokens = usage.promptTokenCount;
			if (usage.candidatesTokenCount !== void 0) finish.server.evalTokens = usage.candidatesTokenCount;
		}
		metrics.finish(finish);
	}
	#fail(error) {
		const samusError = SamusError.is(error) ? error : new SamusError("SAMUS_ERR_INVALID_RESPONSE", `Could not read the response: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
		this.#options.metrics.error(samusError);
		return samusError;
	}
};
/**
* When and how long to wait before retrying a request that failed **before its first token** (a stream is never
* retried once output reached the caller). Retries `SamusError`s marked `retryable` (connection refused,
* 429, 5xx, connect timeouts) with exponential backoff, honouring `Retry-After` / `retry-after-ms` headers.
*/
var RetryPolicy = class {
	maxRetries;
	#initialDelayMs;
	#maxDelayMs;
	#maxRetryAfterMs;
	constructor(options = {}) {
		this.maxRetries = options.maxRetries ?? 2;
		this.#initialDelayMs = options.initialDelayMs ?? 250;
		this.#maxDelayMs = options.maxDelayMs ?? 8e3;
		this.#maxRetryAfterMs = options.maxRetryAfterMs ?? 6e4;
	}
	/**
	* Decides about retry number `retry` (1 for the first retry) after `error`. `headers` are the failed
	* response's headers, when there was a response.
	*/
	decide(error, retry, headers) {
		if (retry > this.maxRetries || !SamusError.is(error) || !error.retryable) return { retry: false };
		const retryAfter = headers ? parseRetryAfter(headers) : void 0;
		if (retryAfter !== void 0) return retryAfter <= this.#maxRetryAfterMs ? {
			retry: true,
			delayMs: retryAfter
		} : { retry: false };
		const base = Math.min(this.#initialDelayMs * 2 ** (retry - 1), this.#maxDelayMs);
		return {
			retry: true,
			delayMs: Math.round(base * (1 - Math.random() * .25))
		};
	}
};
/** Reads `retry-after-ms`, then `Retry-After` (seconds or an HTTP date), in ms; `undefined` when absent or invalid. */
function parseRetryAfter(headers) {
	const ms = headers.get("retry-after-ms");
	if (ms !== null) {
		const value = Number.parseFloat(ms);
		if (Number.isFinite(value) && value >= 0) return value;
	}
	const header = headers.get("retry-after");
	if (header === null) return void 0;
	const seconds = Number(header.trim());
	if (header.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1e3;
	const date = Date.parse(header);
	if (Number.isNaN(date)) return void 0;
	return Math.max(0, date - Date.now());
}
/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms, signal) {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(signal.reason);
			return;
		}
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener("abort", onAbort);
			resolve();
		}, ms);
		signal?.addEventListener("abort", onAbort, { once: true });
	});
}
function stringifyResponse(response) {
	if (response === void 0) return "";
	const keys = Object.keys(response);
	if (keys.length === 1 && typeof response["output"] === "string") return response["output"];
	if (keys.length === 1 && typeof response["content"] === "string") return response["content"];
	return JSON.stringify(response);
}
function imagePart(part) {
	const data = part.inlineData?.data;
	if (!data) return void 0;
	return {
		type: "image_url",
		image_url: { url: `data:${part.inlineData?.mimeType ?? "application/octet-stream"};base64,${data}` }
	};
}
/**
* Converts Gemini contents (plus an optional system instruction) into OpenAI chat messages:
*
* - `systemInstruction` and `system` turns → `system` messages;
* - `user` turns → `user` messages (text, or content parts when images are inlined);
* - `model` turns → `assistant` messages with `content` and `tool_calls` (`functionCall` parts; missing ids are
*   generated and reused for the matching `functionResponse`);
* - `functionResponse` parts → one `tool` message each (`tool_call_id` = the call's id, matched by id, else by
*   name in order), placed before any other text of the same turn;
* - `thought` parts are dropped unless `includeThoughts`.
*/
function toOpenAIMessages(contents, systemInstruction, options = {}) {
	const messages = [];
	const system = normalizeContent(systemInstruction);
	const systemText = system ? contentText(system) : "";
	if (systemText !== "") messages.push({
		role: "system",
		content: systemText
	});
	const pendingIds = /* @__PURE__ */ new Map();
	const assignId = (call) => {
		if (call.id) return call.id;
		const id = generateToolCallId();
		const name = call.name ?? "";
		const queue = pendingIds.get(name) ?? [];
		queue.push(id);
		pendingIds.set(name, queue);
		return id;
	};
	const responseId = (id, name) => {
		if (id) return id;
		return pendingIds.get(name ?? "")?.shift() ?? generateToolCallId();
	};
	for (const content of normalizeContents(contents)) {
		const parts = content.parts ?? [];
		const role = content.role ?? "user";
		if (role === "system") {
			const text = contentText(content);
			if (text !== "") messages.push({
				role: "system",
				content: text
			});
			continue;
		}
		if (role === "model" || role === "assistant") {
			messages.push(assistantMessage(parts, assignId, options));
			continue;
		}
		const userParts = [];
		let hasImage = false;
		for (const part of parts) if (part.functionResponse) messages.push({
			role: "tool",
			tool_call_id: responseId(part.functionResponse.id, part.functionResponse.name),
			content: stringifyResponse(part.functionResponse.response)
		});
		else if (part.inlineData) {
			const image = imagePart(part);
			if (image) {
				userParts.push(image);
				hasImage = true;
			}
		} else if (typeof part.text === "string" && part.thought !== true) userParts.push({
			type: "text",
			text: part.text
		});
		if (userParts.length === 0) continue;
		messages.push({
			role: "user",
			content: hasImage ? userParts : userParts.map((part) => part.type === "text" ? part.text : "").join("")
		});
	}
	return messages;
}
function assistantMessage(parts, assignId, options) {
	let text = "";
	let reasoning = "";
	const toolCalls = [];
	for (const part of parts) if (part.functionCall) toolCalls.push({
		id: assignId(part.functionCall),
		type: "function",
		function: {
			name: part.functionCall.name ?? "",
			arguments: JSON.stringify(part.functionCall.args ?? {})
		}
	});
	else if (typeof part.text === "string") {
		if (part.thought === true) reasoning += part.text;
		else text += part.text;
	}
	const message = {
		role: "assistant",
		content: text === "" && toolCalls.length > 0 ? null : text,
		...toolCalls.length > 0 ? { tool_calls: toolCalls } : {}
	};
	if (options.includeThoughts && reasoning !== "") message.reasoning_content = reasoning;
	return message;
}
function parametersOf(declaration) {
	let schema;
	if (declaration.parametersJsonSchema !== void 0 && declaration.parametersJsonSchema !== null && typeof declaration.parametersJsonSchema === "object") schema = { ...declaration.parametersJsonSchema };
	else schema = geminiSchemaToJsonSchema(declaration.parameters);
	if (schema["type"] === void 0) schema["type"] = "object";
	if (schema["type"] === "object" && schema["properties"] === void 0) schema["properties"] = {};
	return schema;
}
/**
* Converts Gemini tools (function declarations; `CallableTool`s are asked for their declaration) into OpenAI
* `tools`. Returns `undefined` when there are no function declarations.
*/
async function toOpenAITools(tools) {
	if (!tools || tools.length === 0) return void 0;
	const result = [];
	for (const entry of tools) {
		const tool = "tool" in entry && typeof entry.tool === "function" ? await entry.tool() : entry;
		if (!("functionDeclarations" in tool)) continue;
		for (const declaration of tool.functionDeclarations ?? []) {
			if (!declaration.name) continue;
			result.push({
				type: "function",
				function: {
					name: declaration.name,
					...declaration.description ? { description: declaration.description } : {},
					parameters: parametersOf(declaration)
				}
			});
		}
	}
	return result.length > 0 ? result : void 0;
}
const HTML = /^\s*<(!doctype|html|head|body)/i;
/**
* A `ContentGenerator` for any OpenAI-compatible server (`/v1/chat/completions`, `/v1/embeddings`). The `openai`
* SDK builds each request (URL, headers, auth, body); the response body is read here with a linear byte-level
* SSE parser. Per-phase timeouts, caller abort, retries before the first token, coded errors and metrics events
* come with it.
*
* Thin providers extend it and override the protected hooks: {@link buildChatRequest} (add server fields),
* {@link mapError} (server-specific messages), {@link serverTimings} (server statistics for the finish event),
* {@link countTokensOnServer} (a tokenizer endpoint), and use {@link send} / {@link streamResponses} for native
* endpoints.
*/
var OpenAICompatibleContentGenerator = class {
	/** The configuration this generator was created with. */
	config;
	/** Provider id in events and errors. */
	providerId;
	/** Server address without the API path, e.g. `http://127.0.0.1:1234`. */
	baseUrl;
	/** The OpenAI-compatible API base, e.g. `http://127.0.0.1:1234/v1`. */
	apiBaseUrl;
	/** The effective capability flags. */
	capabilities;
	/** The SDK client that builds requests (its own retries are off). */
	sdk;
	events;
	retryPolicy;
	fetchImpl;
	#customFetch;
	#isLocalhost;
	#loopbackHost;
	#headers = /* @__PURE__ */ new Map();
	constructor(options) {
		const { config } = options;
		if (!config.baseUrl) throw new SamusError("SAMUS_ERR_INVALID_CONFIG", `The ${options.providerId ?? "openai"} provider needs a base URL`, {
			hint: "Pass options.baseUrl (e.g. http://127.0.0.1:8080) or set OPENAI_BASE_URL.",
			details: { field: "baseUrl" }
		});
		this.config = config;
		this.providerId = options.providerId ?? "openai";
		this.events = options.events;
		this.capabilities = Object.freeze({
			...DEFAULT_CAPABILITIES,
			...options.capabilities
		});
		const apiPath = options.apiPath ?? "/v1";
		const trimmedPath = `/${apiPath.replace(/^\/+|\/+$/g, "")}`;
		let baseUrl = config.baseUrl.replace(/\/+$/, "");
		if (trimmedPath !== "/" && baseUrl.endsWith(trimmedPath)) baseUrl = baseUrl.slice(0, -trimmedPath.length);
		this.baseUrl = baseUrl;
		this.apiBaseUrl = apiPath === "" || apiPath === "/" ? this.baseUrl : `${this.baseUrl}/${apiPath.replace(/^\/+|\/+$/g, "")}`;
		this.#customFetch = options.fetch !== void 0;
		this.#isLocalhost = new URL(this.baseUrl).hostname === "localhost";
		this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
		this.retryPolicy = new RetryPolicy({
			maxRetries: config.maxRetries,
			...options.retry
		});
		this.sdk = new OpenAI({
			apiKey: config.apiKey ?? "unused",
			baseURL: this.apiBaseUrl,
			organization: null,
			project: null,
			webhookSecret: null,
			maxRetries: 0,
			defaultHeaders: config.headers,
			logLevel: "off",
			...options.fetch ? { fetch: options.fetch } : {}
		});
	}
	async generateContent(request, _userPromptId, _role) {
		const model = this.modelFor(request);
		const metrics = this.createMetrics(model);
		try {
			const body = await this.#build(() => this.buildChatRequest(request, false));
			const opened = await this.send({
				path: "/chat/completions",
				body,
				signal: request.config?.abortSignal,
				stream: false,
				metrics
			});
			const completion = await this.readJson(opened, model, "choices");
			const response = chatCompletionToResponse(completion, {
				includeThoughts: request.config?.thinkingConfig?.includeThoughts !== false,
				thinkTags: { startsOpen: this.capabilities.reasoningStartsOpen }
			});
			const candidate = response.candidates?.[0];
			metrics.chunk((response.text ?? "").length);
			const usage = response.usageMetadata;
			const timings = this.serverTimings(completion);
			metrics.finish({
				...usage?.candidatesTokenCount === void 0 ? {} : { outputTokens: usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0) },
				...candidate?.finishReason ? { finishReason: completion.choices?.[0]?.finish_reason ?? candidate.finishReason } : {},
				...timings ? { server: timings } : usage ? { server: {
					...usage.promptTokenCount === void 0 ? {} : { promptTokens: usage.promptTokenCount },
					...usage.candidatesTokenCount === void 0 ? {} : { evalTokens: usage.candidatesTokenCount }
				} } : {}
			});
			return response;
		} catch (error) {
			const mapped = SamusError.is(error) ? error : this.mapError(error, this.errorContext(model, `${this.apiBaseUrl}/chat/completions`));
			metrics.error(mapped);
			throw mapped;
		}
	}
	generateContentStream(request, _userPromptId, _role) {
		const model = this.modelFor(request);
		const metrics = this.createMetrics(model);
		const includeThoughts = request.config?.thinkingConfig?.includeThoughts !== false;
		const url = `${this.apiBaseUrl}/chat/completions`;
		return this.streamResponses({
			request,
			metrics,
			path: "/chat/completions",
			body: () => this.#build(() => this.buildChatRequest(request, true)),
			createDecoder: (sink, body) => new OpenAIStreamDecoder(sink, {
				includeThoughts,
				thinkTags: { startsOpen: this.capabilities.reasoningStartsOpen },
				awaitUsage: body.stream_options?.include_usage === true,
				streamError: (errorBody, partialText) => this.streamError(errorBody, partialText, model, url, metrics.hasFirstToken)
			})
		});
	}
	async countTokens(request) {
		const fromServer = await this.countTokensOnServer(request);
		if (fromServer !== void 0) return { totalTokens: fromServer };
		return { totalTokens: this.estimateTokens(request) };
	}
	async embedContent(request) {
		const model = this.modelFor(request);
		const metrics = this.createMetrics(model);
		const texts = embeddingTexts(request.contents);
		if (texts.length === 0) return { embeddings: [] };
		try {
			const body = await this.#build(() => this.buildEmbeddingsRequest(texts, request));
			const opened = await this.send({
				path: "/embeddings",
				body,
				signal: request.config?.abortSignal,
				stream: false,
				metrics
			});
			const result = await this.readJson(opened, model, "data");
			const data = Array.isArray(result.data) ? [...result.data] : [];
			if (data.length !== texts.length) throw new SamusError("SAMUS_ERR_INVALID_RESPONSE", `${opened.url} returned ${data.length} embeddings for ${texts.length} inputs`, { details: {
				url: opened.url,
				expected: texts.length,
				received: data.length
			} });
			data.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
			const embeddings = data.map((item) => ({ values: decodeEmbedding(item.embedding, opened.url) }));
			metrics.chunk(0);
			metrics.finish({});
			return { embeddings };
		} catch (error) {
			const mapped = SamusError.is(error) ? error : this.mapError(error, this.errorContext(model, `${this.apiBaseUrl}/embeddings`));
			metrics.error(mapped);
			throw mapped;
		}
	}
	/**
	* Builds the `/chat/completions` body for `request`. Override to add server fields, e.g.
	* `return { ...(await super.buildChatRequest(request, stream)), ttl: 600 }`.
	*/
	async buildChatRequest(request, stream) {
		const config = request.config ?? {};
		const body = {
			model: this.modelFor(request),
			messages: toOpenAIMessages(request.contents, config.systemInstruction),
			stream
		};
		if (stream && this.capabilities.streamUsage) body.stream_options = { include_usage: true };
		if (config.temperature !== void 0) body.temperature = config.temperature;
		if (config.topP !== void 0) body.top_p = config.topP;
		if (config.topK !== void 0 && this.capabilities.topK) body["top_k"] = config.topK;
		if (config.maxOutputTokens !== void 0) body.max_tokens = config.maxOutputTokens;
		if (config.stopSequences !== void 0 && config.stopSequences.length > 0) body.stop = config.stopSequences;
		if (config.seed !== void 0) body.seed = config.seed;
		if (config.presencePenalty !== void 0) body.presence_penalty = config.presencePenalty;
		if (config.frequencyPenalty !== void 0) body.frequency_penalty = config.frequencyPenalty;
		if (config.candidateCount !== void 0 && config.candidateCount > 1) body.n = config.candidateCount;
		if (config.tools !== void 0 && config.tools.length > 0) {
			const tools = await toOpenAITools(config.tools);
			if (tools) body.tools = tools;
		}
		const responseFormat = this.responseFormat(config.responseMimeType, config.responseJsonSchema, config.responseSchema);
		if (responseFormat) body.response_format = responseFormat;
		const extraBody = this.config.providerOptions["extraBody"];
		if (extraBody !== null && typeof extraBody === "object") Object.assign(body, extraBody);
		return body;
	}
	/** Builds the `/embeddings` body: all inputs in one request, `encoding_format: "float"`. */
	buildEmbeddingsRequest(texts, request) {
		return {
			model: this.modelFor(request),
			input: texts,
			...this.capabilities.embeddingsEncodingFormat ? { encoding_format: "float" } : {},
			...request.config?.outputDimensionality !== void 0 ? { dimensions: request.config.outputDimensionality } : {}
		};
	}
	/** Maps any failure to a `SamusError`; override for server-specific messages and fall back to `super.mapError`. */
	mapError(error, context) {
		return mapOpenAIError(error, context);
	}
	/**
	* Server statistics for the `response:finish` event, from the last stream chunk or the whole completion.
	* Default: none (the event still carries the usage as `server.promptTokens` / `evalTokens`).
	*/
	serverTimings(_lastMessage) {}
	/** Counts tokens with the server's tokenizer, where the server has one. Default: `undefined` (use the estimate). */
	countTokensOnServer(_request) {
		return Promise.resolve(void 0);
	}
	/**
	* The documented estimate (see `estimateTokens`): the estimate of every text part, plus
	* `MESSAGE_OVERHEAD_TOKENS` per message, plus the estimate of function calls/responses and tool declarations
	* as JSON.
	*/
	estimateTokens(request) {
		let total = 0;
		const system = normalizeContent(request.config?.systemInstruction);
		if (system) total += estimateTokens(contentText(system)) + 4;
		for (const content of normalizeContents(request.contents)) {
			total += 4;
			for (const part of content.parts ?? []) {
				if (typeof part.text === "string") total += estimateTokens(part.text);
				if (part.functionCall) total += estimateTokens(JSON.stringify(part.functionCall));
				if (part.functionResponse) total += estimateTokens(JSON.stringify(part.functionResponse));
			}
		}
		for (const tool of request.config?.tools ?? []) total += estimateTokens(JSON.stringify(tool));
		return total;
	}
	/** The model for a request: `request.model` when set, else the configured model. */
	modelFor(request) {
		return request.model !== void 0 && request.model !== "" ? request.model : this.config.model;
	}
	/** New metrics for one operation on `model`. */
	createMetrics(model) {
		return new RequestMetrics(this.events, {
			provider: this.providerId,
			model,
			baseUrl: this.baseUrl
		});
	}
	/** Error context for `model` and `url`. */
	errorContext(model, url) {
		return {
			provider: this.providerId,
			model,
			baseUrl: this.baseUrl,
			url
		};
	}
	/**
	* Sends one request (headers built by the SDK, body serialised with `JSON.stringify`) with per-phase timeouts, caller abort and retries (before any response
	* body is read): a refused connection, 429 (honouring `Retry-After`), 5xx and connect timeouts are retried per
	* the retry policy. Returns the accepted (2xx) response with its deadline still running: read the body, then
	* call `deadline.dispose()`. Throws a `SamusError`.
	*/
	async send(request) {
		const { metrics } = request;
		const method = request.method ?? "POST";
		const model = metrics.base.model;
		const hosts = this.#isLocalhost ? [...new Set([
			this.#loopbackHost,
			"localhost",
			"127.0.0.1",
			"[::1]"
		].filter((host) => host !== void 0))] : [void 0];
		let hostIndex = 0;
		for (let attempt = 1;; attempt++) {
			const host = hosts[hostIndex];
			const base = request.root ? this.baseUrl : this.apiBaseUrl;
			const url = `${host === void 0 || host === "localhost" ? base : base.replace("//localhost", `//${host}`)}${request.path}`;
			metrics.start(request.stream ?? false, attempt);
			const deadline = new RequestDeadline({
				timeouts: this.config.timeouts,
				signal: request.signal,
				startedAt: metrics.startedAt,
				trackConnect: !this.#customFetch,
				url
			});
			let failure;
			let retryHeaders;
			try {
				const headers = { ...this.#headers.get(method) ?? await this.#sdkHeaders(method, url) };
				if (!this.#customFetch) headers[deadline.header[0]] = deadline.header[1];
				const init = {
					method,
					headers,
					signal: deadline.signal
				};
				if (request.body !== void 0) init.body = JSON.stringify(request.body);
				const response = await this.fetchImpl(url, init);
				if (host !== void 0) this.#loopbackHost = host;
				if (response.ok) return {
					response,
					deadline,
					url
				};
				let text;
				try {
					text = await response.text();
				} finally {
					deadline.dispose();
				}
				const json = safeJson(text);
				const errorBody = json !== void 0 && typeof json === "object" && json !== null && json.error == null ? { error: json } : json;
				const apiError = APIError.generate(response.status, errorBody, json === void 0 ? text.slice(0, 500) || void 0 : void 0, response.headers);
				failure = this.mapError(apiError, this.errorContext(model, url));
				retryHeaders = response.headers;
			} catch (error) {
				deadline.dispose();
				const context = {
					...this.errorContext(model, url),
					phase: deadline.phase,
					...deadline.error ? { deadlineError: deadline.error } : {}
				};
				failure = deadline.error || !SamusError.is(error) ? this.mapError(this.transportError(error, deadline), context) : error;
			}
			if (failure.code === "SAMUS_ERR_SERVER_NOT_RUNNING" && hostIndex < hosts.length - 1) {
				hostIndex += 1;
				attempt -= 1;
				continue;
			}
			const decision = this.retryPolicy.decide(failure, attempt, retryHeaders);
			if (!decision.retry || failure.code === "SAMUS_ERR_ABORTED") {
				if (hosts.length > 1 && failure.code === "SAMUS_ERR_SERVER_NOT_RUNNING") throw withMessage(failure, `No server is listening at ${this.baseUrl} (tried 127.0.0.1 and [::1])`, `Start the server, or point the base URL at the machine and port where it listens (now ${this.baseUrl}).`);
				throw failure;
			}
			hostIndex = 0;
			metrics.retry(attempt + 1, decision.delayMs, failure);
			try {
				await sleep(decision.delayMs, request.signal);
			} catch (error) {
				throw this.mapError(Object.assign(new APIUserAbortError(), { cause: error }), this.errorContext(model, url));
			}
		}
	}
	/** Runs a request builder; what it throws (a bad tool, a schema that cannot be converted) is an invalid request. */
	async #build(builder) {
		try {
			return await builder();
		} catch (error) {
			if (SamusError.is(error)) throw error;
			throw new SamusError("SAMUS_ERR_INVALID_REQUEST", `Could not build the request: ${error instanceof Error ? error.message : String(error)}`, {
				hint: "Check the contents, tools and config passed to the generator.",
				cause: error
			});
		}
	}
	/**
	* The request headers the SDK builds (auth, user agent, content type, `config.headers`), built once per method:
	* they depend only on the configuration. The SDK's platform telemetry headers (`x-stainless-*`) are left out,
	* and so is `Authorization` when no API key is configured.
	*/
	async #sdkHeaders(method, url) {
		const built = await this.sdk.buildRequest({
			method: method.toLowerCase(),
			path: url,
			...method === "GET" ? {} : { body: {} }
		});
		const headers = {};
		for (const [name, value] of built.req.headers.entries()) {
			if (name.startsWith("x-stainless-")) continue;
			if (name === "authorization" && this.config.apiKey === void 0) continue;
			headers[name] = value;
		}
		this.#headers.set(method, headers);
		return headers;
	}
	/**
	* Streams `path` with a {@link StreamDecoder}: opens the request through {@link send} on the first `next()`,
	* reads the body and hands out the decoder's responses. Used by `generateContentStream`; providers with a
	* native streaming endpoint call it with their own decoder (e.g. NDJSON) and `root: true`.
	*/
	streamResponses(options) {
		const { metrics } = options;
		const model = metrics.base.model;
		let body;
		return new ResponseStream({
			metrics,
			open: async () => {
				body = await options.body();
				return this.send({
					path: options.path,
					...options.root ? { root: true } : {},
					body,
					signal: options.request.config?.abortSignal,
					stream: true,
					metrics
				});
			},
			...options.prepare ? { prepare: options.prepare } : {},
			createDecoder: (sink) => options.createDecoder(sink, body),
			serverTimings: (lastMessage) => this.serverTimings(lastMessage),
			mapReadError: (error, deadline, afterOutput, partialText) => {
				const url = options.root ? `${this.baseUrl}${options.path}` : `${this.apiBaseUrl}${options.path}`;
				const context = this.errorContext(model, url);
				if (deadline.error) {
					const mapped = this.mapError(this.transportError(error, deadline), {
						...context,
						phase: deadline.phase,
						deadlineError: deadline.error
					});
					return partialText === "" ? mapped : withDetails(mapped, { partialText });
				}
				if (SamusError.is(error)) return error;
				if (afterOutput) return new SamusError("SAMUS_ERR_STREAM_INTERRUPTED", `The connection to ${this.baseUrl} broke after output had started`, {
					cause: error,
					details: {
						...context,
						partialText
					}
				});
				const mapped = mapNetworkError(error, {
					url,
					baseUrl: this.baseUrl
				});
				return mapped.code === "SAMUS_ERR_SERVER_NOT_RUNNING" ? new SamusError("SAMUS_ERR_SERVER_ERROR", `${this.baseUrl} closed the connection before answering`, {
					cause: error,
					retryable: false,
					details: {
						...context,
						partialText
					}
				}) : mapped;
			}
		});
	}
	/** Reads a JSON body, classifying HTML pages, non-JSON text and `{error}` bodies sent with status 200. */
	async readJson(opened, model, expectedField) {
		const { response, deadline, url } = opened;
		let text;
		try {
			deadline.firstByte();
			text = await response.text();
		} catch (error) {
			const context = this.errorContext(model, url);
			throw deadline.error ? this.mapError(this.transportError(error, deadline), {
				...context,
				phase: deadline.phase,
				deadlineError: deadline.error
			}) : mapNetworkError(error, {
				url,
				baseUrl: this.baseUrl
			});
		} finally {
			deadline.dispose();
		}
		const type = response.headers.get("content-type") ?? "";
		const json = safeJson(text);
		if (json === void 0 || json === null || typeof json !== "object") {
			const html = type.includes("html") || HTML.test(text);
			throw new SamusError(html ? "SAMUS_ERR_WRONG_BASE_URL" : "SAMUS_ERR_INVALID_RESPONSE", html ? `${url} answered with a web page, not the OpenAI-compatible API` : `${url} answered with something that is not JSON: ${JSON.stringify(text.slice(0, 120))}`, {
				...html ? { hint: "The base URL points at a web server or proxy, not the model server: check host, port and path." } : {},
				details: {
					url,
					status: response.status,
					contentType: type,
					body: text.slice(0, 200)
				}
			});
		}
		const record = json;
		if (record[expectedField] === void 0) {
			if (record["error"] !== void 0 && record["error"] !== null) {
				const apiError = APIError.generate(response.status, record, void 0, response.headers);
				throw this.mapError(apiError, this.errorContext(model, url));
			}
			throw new SamusError("SAMUS_ERR_WRONG_BASE_URL", `${url} answered JSON without "${expectedField}": this is not an OpenAI-compatible endpoint`, { details: {
				url,
				status: response.status,
				body: text.slice(0, 200)
			} });
		}
		return json;
	}
	/** The error for an error object a server sent inside a 200 stream. */
	streamError(errorBody, partialText, model, url, afterOutput) {
		const apiError = new APIError(void 0, errorBody, errorBodyMessage(errorBody), void 0);
		const mapped = this.mapError(apiError, this.errorContext(model, url));
		if (afterOutput && mapped.code === "SAMUS_ERR_SERVER_ERROR") return new SamusError("SAMUS_ERR_STREAM_INTERRUPTED", `${this.baseUrl} reported an error after output had started: ${mapped.message}`, {
			cause: apiError,
			details: {
				...mapped.details,
				partialText
			}
		});
		return partialText === "" ? mapped : withDetails(mapped, { partialText });
	}
	/** Wraps what `fetch` or a body read threw into the matching `openai` error class. */
	transportError(error, deadline) {
		if (error instanceof APIError) return error;
		const deadlineError = deadline.error;
		if (deadlineError?.code === "SAMUS_ERR_ABORTED") return Object.assign(new APIUserAbortError(), { cause: error });
		if (deadlineError?.code === "SAMUS_ERR_TIMEOUT") return Object.assign(new APIConnectionTimeoutError({ message: deadlineError.message }), { cause: error });
		return new APIConnectionError({ cause: error instanceof Error ? error : new Error(String(error)) });
	}
	/** `response_format` for the requested output type. */
	responseFormat(mimeType, jsonSchema, schema) {
		const wantsJson = mimeType === "application/json";
		let resolved;
		if (jsonSchema !== void 0 && jsonSchema !== null) resolved = jsonSchema;
		else if (schema !== void 0 && schema !== null && (wantsJson || mimeType === void 0)) resolved = geminiSchemaToJsonSchema(schema);
		if (resolved !== void 0) return {
			type: "json_schema",
			json_schema: {
				name: "response",
				schema: resolved
			}
		};
		if (!wantsJson) return void 0;
		if (this.capabilities.jsonObjectResponseFormat) return { type: "json_object" };
		return {
			type: "json_schema",
			json_schema: {
				name: "response",
				schema: { type: "object" }
			}
		};
	}
};
function safeJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return;
	}
}
function withMessage(error, message, hint = error.hint) {
	return new SamusError(error.code, message, {
		hint,
		retryable: error.retryable,
		cause: error.cause,
		details: error.details
	});
}
function withDetails(error, extra) {
	return new SamusError(error.code, error.message, {
		hint: error.hint,
		retryable: error.retryable,
		cause: error.cause,
		details: {
			...error.details,
			...extra
		}
	});
}
function decodeEmbedding(value, url) {
	if (Array.isArray(value)) return value;
	if (typeof value === "string") {
		const bytes = Buffer.from(value, "base64");
		if (bytes.length % 4 === 0) return Array.from(new Float32Array(Uint8Array.from(bytes).buffer));
	}
	throw new SamusError("SAMUS_ERR_INVALID_RESPONSE", `${url} returned an embedding that is neither a number array nor base64 floats`, { details: { url } });
}
// src/bench-clients.ts
function generator(origin, events) {
	return new OpenAICompatibleContentGenerator({
		config: createContentGeneratorConfig("openai", {
			baseUrl: origin,
			model: "unused",
			apiKey: "fake",
			maxRetries: 0,
			env: {}
		}),
		...events ? { events } : {}
	});
}
function provider(origin, events) {
	const instance = generator(origin, events);
	return async (model, onText) => {
		for await (const response of instance.generateContentStream({
			model,
			contents: [{
				role: "user",
				parts: [{ text: "Say something." }]
			}]
		})) for (const part of response.candidates?.[0]?.content?.parts ?? []) if (part.text) onText(part.text);
	};
}
/** The clients, baseline first. */
const BENCH_CLIENTS = [
	{
		name: "raw-fetch",
		description: "baseline: fetch + hand-written SSE line splitter + JSON.parse",
		setup(origin) {
			const url = `${origin}/v1/chat/completions`;
			return async (model, onText) => {
				const response = await fetch(url, {
					method: "POST",
					headers: {
						"content-type": "application/json",
						authorization: "Bearer fake"
					},
					body: JSON.stringify({
						model,
						stream: true,
						messages: [{
							role: "user",
							content: "Say something."
						}]
					})
				});
				if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
				const decoder = new TextDecoder();
				let buffer = "";
				let done = false;
				for await (const bytes of response.body) {
					buffer += decoder.decode(bytes, { stream: true });
					let start = 0;
					let newline;
					while ((newline = buffer.indexOf("\n", start)) !== -1) {
						const line = buffer.slice(start, newline);
						start = newline + 1;
						if (done || !line.startsWith("data: ")) continue;
						const data = line.slice(6);
						if (data === "[DONE]") {
							done = true;
							continue;
						}
						const text = JSON.parse(data).choices[0]?.delta?.content;
						if (text) onText(text);
					}
					buffer = buffer.slice(start);
				}
			};
		}
	},
	{
		name: "provider-core",
		description: "@samus/provider-core generateContentStream(), no event listeners",
		setup: (origin) => provider(origin)
	},
	{
		name: "provider-core+events",
		description: "@samus/provider-core with listeners on every metrics event (first-token, chunk, finish)",
		setup(origin) {
			const events = new SamusEvents();
			let sink = 0;
			events.on("request:start", () => sink += 1);
			events.on("response:first-token", (event) => sink += event.ttftMs);
			events.on("response:chunk", (event) => sink += event.textLength);
			events.on("response:finish", (event) => sink += event.durationMs);
			return provider(origin, events);
		}
	},
	{
		name: "openai-sdk",
		description: "reference: openai chat.completions.create({ stream: true }) iterator",
		setup(origin) {
			const client = new OpenAI({
				baseURL: `${origin}/v1`,
				apiKey: "fake",
				maxRetries: 0,
				organization: null,
				project: null,
				logLevel: "off"
			});
			return async (model, onText) => {
				const stream = await client.chat.completions.create({
					model,
					stream: true,
					messages: [{
						role: "user",
						content: "Say something."
					}]
				});
				for await (const chunk of stream) {
					const text = chunk.choices[0]?.delta?.content;
					if (text) onText(text);
				}
			};
		}
	}
];
// src/run-worker.ts
/** Runs one client × task in this process (a fresh one per task, started by the orchestrator). */
async function runWorker(task) {
	const client = BENCH_CLIENTS.find((candidate) => candidate.name === task.client);
	if (!client) throw new Error(`unknown client ${task.client}`);
	const stream = client.setup(task.origin);
	let chunks = 0;
	let chars = 0;
	let firstAt = 0;
	const onText = (text) => {
		if (chunks++ === 0) firstAt = performance.now();
		chars += text.length;
	};
	const once = async (model, n) => {
		chunks = 0;
		chars = 0;
		const cpu = process.cpuUsage();
		const started = performance.now();
		await stream(model, onText);
		const ended = performance.now();
		const used = process.cpuUsage(cpu);
		if (chunks !== n || chars !== n * 4) throw new Error(`${task.client}: expected ${n} chunks / ${n * 4} chars, got ${chunks} / ${chars}`);
		return {
			cpuMs: (used.user + used.system) / 1e3,
			wallMs: ended - started,
			ttftMs: firstAt - started
		};
	};
	const result = {
		cpuPer1k: [],
		wallMs: [],
		ttftMs: []
	};
	if (task.task === "stream") {
		const model = `chunks-${task.n}-${task.mode}`;
		for (let i = 0; i < task.warmup; i++) await once(model, task.n);
		for (let i = 0; i < task.reps; i++) {
			const run = await once(model, task.n);
			result.cpuPer1k.push(run.cpuMs / task.n * 1e3);
			result.wallMs.push(run.wallMs);
		}
	} else {
		const model = "chunks-1-event";
		for (let i = 0; i < 20; i++) await once(model, 1);
		for (let i = 0; i < task.count; i++) {
			const run = await once(model, 1);
			result.ttftMs.push(run.ttftMs);
			result.wallMs.push(run.wallMs);
		}
	}
	return result;
}
export { BENCH_CLIENTS as n, runWorker as t };
