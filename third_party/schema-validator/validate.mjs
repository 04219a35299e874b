#!/usr/bin/env node
// validate.mjs — offline schema validation of Kubernetes manifests.
//
//   node validate.mjs [--allow-kinds K1,K2] [--no-strict-fields] FILE... ('-' = stdin)
//
// Every YAML document (empty/null documents are skipped) must be one
// Kubernetes object. Each object is checked against:
//   * the real OpenAPI/CRD schema shipped by the kubernetes-models packages
//     (core + argo-cd + traefik + prometheus-operator), picked by
//     apiVersion + kind; the model class's validate() is the authority;
//   * "strict fields": fields the schema does not define are rejected (the
//     generated models do NOT do this themselves; see findUnknownFields);
//   * a hand-written check of the secrets-store-csi-driver SecretProviderClass
//     CRD (no model exists for it);
//   * generic API-server rules: apiVersion/kind/metadata.name present, name
//     and namespace syntax, label/annotation keys and values.
// A kind with neither a model nor a check is an error unless listed in
// --allow-kinds (such objects still get the generic checks).
//
// Output: "ok   FILE#docN Kind/name" or "FAIL FILE#docN Kind/name: msg" per
// object, then "N objects valid, M invalid".
// Exit: 0 all valid, 1 some invalid, 2 usage or YAML parse error.

import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { ObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";

const USAGE =
  "usage: node validate.mjs [--allow-kinds K1,K2] [--no-strict-fields] FILE... ('-' reads stdin)";

// Packages searched, in order, for "<pkg>/<group>/<version>/<Kind>".
const MODEL_PACKAGES = [
  "kubernetes-models",
  "@kubernetes-models/argo-cd",
  "@kubernetes-models/traefik",
  "@kubernetes-models/prometheus-operator",
  "@kubernetes-models/cert-manager",
];

// ---------------------------------------------------------------- helpers

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// "/spec/template/spec/containers/0/name" -> "spec.template.spec.containers[0].name"
function fmtPath(pointer, prefix = "") {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let out = prefix;
  for (const p of parts) {
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += (out ? "." : "") + p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out || "(root)";
}

function ajvErrorsToMessages(err, prefix = "") {
  if (!err || !Array.isArray(err.errors)) return [String(err && err.message ? err.message : err)];
  return err.errors.map((e) => {
    let msg = e.message || e.keyword;
    if (e.keyword === "required" && e.params && e.params.missingProperty)
      msg = `must have required property '${e.params.missingProperty}'`;
    if (e.keyword === "enum" && e.params && e.params.allowedValues)
      msg += ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`;
    return `${fmtPath(e.instancePath || "", prefix)}: ${msg}`;
  });
}

// ------------------------------------------------- generic API-server rules

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function checkName(value, rule) {
  switch (rule) {
    case "dns1123-label":
      if (value.length > 63) return "must be no more than 63 characters";
      if (!DNS1123_LABEL.test(value))
        return "must be a lowercase RFC 1123 label ([a-z0-9]([-a-z0-9]*[a-z0-9])?)";
      return null;
    case "dns1035-label":
      if (value.length > 63) return "must be no more than 63 characters";
      if (!DNS1035_LABEL.test(value))
        return "must be a lowercase RFC 1035 label ([a-z]([-a-z0-9]*[a-z0-9])?)";
      return null;
    case "path-segment":
      if (value === "." || value === "..") return `may not be '${value}'`;
      if (/[/%]/.test(value)) return "may not contain '/' or '%'";
      return null;
    default: // dns1123-subdomain
      if (value.length > 253) return "must be no more than 253 characters";
      if (!DNS1123_SUBDOMAIN.test(value))
        return "must be a lowercase RFC 1123 subdomain ([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)";
      return null;
  }
}

function nameRule(apiVersion, kind) {
  if (apiVersion === "v1" && kind === "Namespace") return "dns1123-label";
  if (apiVersion === "v1" && kind === "Service") return "dns1035-label";
  if (apiVersion.startsWith("rbac.authorization.k8s.io/")) return "path-segment";
  return "dns1123-subdomain";
}

function checkQualifiedKey(key) {
  const slash = key.lastIndexOf("/");
  let name = key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    name = key.slice(slash + 1);
    if (prefix.length === 0) return "prefix part must be non-empty";
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))
      return "prefix part must be a lowercase RFC 1123 subdomain";
    if (key.indexOf("/") !== slash) return "may contain at most one '/'";
  }
  if (name.length === 0) return "name part must be non-empty";
  if (name.length > 63) return "name part must be no more than 63 characters";
  if (!QUALIFIED_NAME.test(name))
    return "name part must consist of alphanumerics, '-', '_' or '.', and start and end with an alphanumeric";
  return null;
}

function genericChecks(obj) {
  const errs = [];
  const { apiVersion, kind, metadata } = obj;
  if (typeof apiVersion !== "string" || apiVersion === "") errs.push("apiVersion: missing or not a non-empty string");
  if (typeof kind !== "string" || kind === "") errs.push("kind: missing or not a non-empty string");
  if (!isPlainObject(metadata)) {
    errs.push("metadata: missing or not a mapping");
    return errs;
  }
  if (typeof metadata.name !== "string" || metadata.name === "") {
    errs.push("metadata.name: missing or not a non-empty string");
  } else if (typeof apiVersion === "string" && typeof kind === "string") {
    const e = checkName(metadata.name, nameRule(apiVersion, kind));
    if (e) errs.push(`metadata.name ${JSON.stringify(metadata.name)}: ${e}`);
  }
  if (metadata.namespace !== undefined && metadata.namespace !== null) {
    if (typeof metadata.namespace !== "string") errs.push("metadata.namespace: must be string");
    else {
      const e = checkName(metadata.namespace, "dns1123-label");
      if (e) errs.push(`metadata.namespace ${JSON.stringify(metadata.namespace)}: ${e}`);
    }
  }
  for (const field of ["labels", "annotations"]) {
    const m = metadata[field];
    if (m === undefined || m === null) continue;
    if (!isPlainObject(m)) {
      errs.push(`metadata.${field}: must be a mapping of strings`);
      continue;
    }
    for (const [k, v] of Object.entries(m)) {
      const where = `metadata.${field}[${JSON.stringify(k)}]`;
      const ke = checkQualifiedKey(k);
      if (ke) errs.push(`${where}: invalid key: ${ke}`);
      if (typeof v !== "string") {
        errs.push(`${where}: value must be a string, got ${v === null ? "null" : Array.isArray(v) ? "array" : typeof v} (quote it in YAML)`);
      } else if (field === "labels" && v !== "") {
        if (v.length > 63) errs.push(`${where}: value must be no more than 63 characters`);
        else if (!QUALIFIED_NAME.test(v))
          errs.push(`${where}: value ${JSON.stringify(v)} must consist of alphanumerics, '-', '_' or '.', and start and end with an alphanumeric`);
      }
    }
  }
  return errs;
}

// ------------------------------------------------------- model resolution

const modelCache = new Map();

async function resolveModel(apiVersion, kind) {
  const key = `${apiVersion}\u0000${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let found = null;
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  // Only well-formed identifiers are turned into module specifiers.
  if (/^[A-Z][A-Za-z0-9]*$/.test(kind) && /^v[0-9][a-z0-9]*$/.test(version) &&
      (group === "" || /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(group))) {
    const packages = group === "" ? ["kubernetes-models"] : MODEL_PACKAGES;
    for (const pkg of packages) {
      const spec = group === "" ? `${pkg}/${version}/${kind}` : `${pkg}/${group}/${version}/${kind}`;
      let mod;
      try {
        mod = await import(spec);
      } catch (e) {
        if (e && (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED")) continue;
        throw e;
      }
      const Cls = mod[kind];
      // Must be a top-level resource model (static apiVersion/kind match) that
      // really has a schema validate function installed on its prototype.
      if (typeof Cls === "function" && Cls.apiVersion === apiVersion && Cls.kind === kind &&
          Object.prototype.hasOwnProperty.call(Cls.prototype, "validate")) {
        found = { kind: "model", Cls, source: spec };
        break;
      }
    }
  }
  if (!found && CUSTOM_CHECKS[`${apiVersion}/${kind}`]) {
    found = { kind: "custom", check: CUSTOM_CHECKS[`${apiVersion}/${kind}`] };
  }
  modelCache.set(key, found);
  return found;
}

// ---------------------------------------------- strict (unknown) fields
//
// The kubernetes-models validators are ajv-compiled from the OpenAPI schemas,
// which carry no additionalProperties:false, so a misspelled field such as
// spec.replica passes validate(). To get kubectl --validate=strict behaviour we
// run the same validate function over a Proxy of the object and record which
// properties the compiled code looks up. The compiled code probes every
// property its schema defines (`data.minReadySeconds !== undefined`) and
// enumerates keys only for maps (additionalProperties: {...}). So, for each
// object node: if the validator enumerated its keys it is a map (anything
// goes); if it probed no property at all it is free-form (e.g. Helm
// valuesObject, x-kubernetes-preserve-unknown-fields); otherwise every key
// that was not probed is unknown to the schema.
//
// Known gap in the generated models, found by cross-checking every model's
// .d.ts properties against what its validator probes (1365 types): a property
// literally named "description" is dropped from the compiled schemas (15
// types, e.g. Argo CD AppProjectSpec/ProjectRole/SyncWindow, PriorityClass),
// as are the x-kubernetes-* properties of CRD JSONSchemaProps. Those names are
// therefore never reported as unknown (and their values are not type-checked).
const UNCHECKED_FIELD_NAMES = /^(description|x-kubernetes-[a-z-]+)$/;

function findUnknownFields(validateFn, obj) {
  const nodes = [];
  const proxies = new WeakMap();
  const hasOwn = Object.prototype.hasOwnProperty;
  function wrap(value, path) {
    if (value === null || typeof value !== "object") return value;
    if (proxies.has(value)) return proxies.get(value);
    const rec = { target: value, path, probed: new Set(), enumerated: false };
    nodes.push(rec);
    const proxy = new Proxy(value, {
      get(t, k, r) {
        const v = Reflect.get(t, k, r);
        if (typeof k !== "string") return v;
        rec.probed.add(k);
        return hasOwn.call(t, k) ? wrap(v, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`) : v;
      },
      has(t, k) {
        if (typeof k === "string") rec.probed.add(k);
        return Reflect.has(t, k);
      },
      ownKeys(t) {
        rec.enumerated = true;
        return Reflect.ownKeys(t);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  }
  try {
    validateFn(wrap(obj, ""));
  } catch {
    // schema errors are reported by the real validate() call
  }
  const unknown = [];
  for (const rec of nodes) {
    if (Array.isArray(rec.target) || rec.enumerated || rec.probed.size === 0) continue;
    for (const k of Object.keys(rec.target)) {
      if (!rec.probed.has(k) && !UNCHECKED_FIELD_NAMES.test(k)) unknown.push(`${fmtPath(`${rec.path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`)}: unknown field (not in schema)`);
    }
  }
  return unknown;
}

// --------------------------------------------- SecretProviderClass (CRD)
//
// Transcribed from the secrets-store-csi-driver CRD
// (config/crd/bases/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml,
// versions v1 and v1alpha1 share the schema). The CRD itself marks nothing as
// required; the driver rejects a class without spec.provider at mount time and
// its secret-sync code rejects secretObjects without secretName, type or data
// (ValidateSecretObject), so those are required here. Unknown fields are
// rejected everywhere (kubectl's default strict field validation would).
const S = { type: "string" };
const NONEMPTY = { type: "string", minLength: 1 };
const STRING_MAP = { type: "object", additionalProperties: S };
const SPC_SCHEMA = {
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: S,
    kind: S,
    metadata: { type: "object", validateWith: validateObjectMeta },
    spec: {
      type: "object",
      required: ["provider"],
      properties: {
        provider: NONEMPTY,
        parameters: STRING_MAP,
        secretObjects: {
          type: "array",
          items: {
            type: "object",
            required: ["secretName", "type", "data"],
            properties: {
              secretName: NONEMPTY,
              type: NONEMPTY,
              labels: STRING_MAP,
              annotations: STRING_MAP,
              data: {
                type: "array",
                minItems: 1,
                items: {
                  type: "object",
                  required: ["objectName", "key"],
                  properties: { objectName: NONEMPTY, key: NONEMPTY },
                  additionalProperties: false,
                },
              },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    status: {
      type: "object",
      properties: {
        byPod: {
          type: "array",
          items: { type: "object", properties: { id: S, namespace: S }, additionalProperties: false },
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : typeof v;
}

// Minimal JSON-schema subset: type, required, properties,
// additionalProperties (false or schema), items, minItems, minLength,
// plus validateWith(value, path) for delegating to a model.
function checkSchema(schema, value, path, errs) {
  const here = path || "(root)";
  const t = typeOf(value);
  if (schema.type && schema.type !== t) {
    errs.push(`${here}: must be ${schema.type}, got ${t}`);
    return;
  }
  if (schema.validateWith) errs.push(...schema.validateWith(value, path));
  if (t === "string" && schema.minLength && value.length < schema.minLength)
    errs.push(`${here}: must not be empty`);
  if (t === "array") {
    if (schema.minItems && value.length < schema.minItems)
      errs.push(`${here}: must have at least ${schema.minItems} item(s)`);
    if (schema.items) value.forEach((item, i) => checkSchema(schema.items, item, `${path}[${i}]`, errs));
  }
  if (t === "object") {
    for (const r of schema.required || [])
      if (value[r] === undefined || value[r] === null) errs.push(`${here}: must have required property '${r}'`);
    const props = schema.properties || {};
    for (const [k, v] of Object.entries(value)) {
      const sub = path ? `${path}.${k}` : k;
      if (Object.prototype.hasOwnProperty.call(props, k)) {
        if (v !== null || props[k].type === undefined) checkSchema(props[k], v, sub, errs);
      } else if (schema.additionalProperties === false) {
        errs.push(`${sub}: unknown field (not in schema)`);
      } else if (isPlainObject(schema.additionalProperties)) {
        checkSchema(schema.additionalProperties, v, `${path}[${JSON.stringify(k)}]`, errs);
      }
    }
  }
}

function validateObjectMeta(meta, path) {
  const errs = [];
  try {
    new ObjectMeta(meta).validate();
  } catch (e) {
    errs.push(...ajvErrorsToMessages(e, path));
  }
  return errs;
}

const CUSTOM_CHECKS = {
  "secrets-store.csi.x-k8s.io/v1/SecretProviderClass": (obj) => {
    const errs = [];
    checkSchema(SPC_SCHEMA, obj, "", errs);
    return errs;
  },
};
CUSTOM_CHECKS["secrets-store.csi.x-k8s.io/v1alpha1/SecretProviderClass"] =
  CUSTOM_CHECKS["secrets-store.csi.x-k8s.io/v1/SecretProviderClass"];

// ------------------------------------------------------------ per object

async function validateObject(obj, opts) {
  if (!isPlainObject(obj)) {
    const t = typeOf(obj);
    return { errors: [`document is ${/^[aeiou]/.test(t) ? "an" : "a"} ${t}, not a mapping (Kubernetes object)`] };
  }
  const errors = genericChecks(obj);
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !apiVersion || !kind) return { errors };
  const m = await resolveModel(apiVersion, kind);
  if (!m) {
    if (opts.allowKinds.has(kind)) {
      if (isPlainObject(obj.metadata)) errors.push(...validateObjectMeta(obj.metadata, "metadata"));
      return { errors: dedupe(errors), note: "no schema; allowed by --allow-kinds" };
    }
    errors.push(`unknown kind: no schema for apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)} (use --allow-kinds ${kind} to accept it unchecked)`);
    return { errors };
  }
  if (m.kind === "custom") {
    errors.push(...m.check(obj));
    return { errors: dedupe(errors) };
  }
  try {
    new m.Cls(obj).validate();
  } catch (e) {
    if (!e || !Array.isArray(e.errors)) throw e;
    errors.push(...ajvErrorsToMessages(e));
  }
  if (opts.strictFields) {
    const fn = m.Cls.prototype.validate;
    errors.push(...findUnknownFields((o) => fn.call(o), obj));
  }
  return { errors: dedupe(errors) };
}

// genericChecks already reports non-string label/annotation values (with a
// hint); drop the schema's duplicate "must be string" for the same entries.
const DUP_META_TYPE = /^metadata\.(labels|annotations)(\.|\[).*: must be string$/;

function dedupe(list) {
  return [...new Set(list)].filter((m) => !DUP_META_TYPE.test(m));
}

// ------------------------------------------------------------------- main

function parseArgs(argv) {
  const opts = { allowKinds: new Set(), strictFields: true, files: [] };
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyFiles || a === "-" || !a.startsWith("-")) {
      opts.files.push(a);
    } else if (a === "--") {
      onlyFiles = true;
    } else if (a === "--allow-kinds" || a.startsWith("--allow-kinds=")) {
      let v;
      if (a === "--allow-kinds") {
        if (i + 1 >= argv.length) throw new Error("--allow-kinds needs a value");
        v = argv[++i];
      } else v = a.slice("--allow-kinds=".length);
      for (const k of v.split(",").map((s) => s.trim()).filter(Boolean)) opts.allowKinds.add(k);
    } else if (a === "--no-strict-fields") {
      opts.strictFields = false;
    } else if (a === "-h" || a === "--help") {
      opts.help = true;
    } else {
      throw new Error(`unknown option ${a}`);
    }
  }
  return opts;
}

function readInput(file) {
  return file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
}

// Kubernetes tooling (Helm, kubectl: sigs.k8s.io/yaml on go-yaml v2) reads
// YAML 1.1 scalars: yes/no/on/off/y/n are booleans, 0755 is octal. Timestamps
// stay strings there, and there is no base-60, so drop those tags.
const YAML_OPTIONS = {
  version: "1.1",
  merge: true,
  prettyErrors: true,
  customTags: (tags) => tags.filter((t) => !/timestamp$/.test(t.tag) && t.format !== "TIME"),
};

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`validate.mjs: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  if (opts.files.length === 0) {
    console.error(`validate.mjs: no input files\n${USAGE}`);
    return 2;
  }
  if (opts.files.filter((f) => f === "-").length > 1) {
    console.error("validate.mjs: '-' (stdin) may be given only once");
    return 2;
  }

  let valid = 0;
  let invalid = 0;
  let fatal = false;
  for (const file of opts.files) {
    const label = file === "-" ? "<stdin>" : file;
    let text;
    try {
      text = readInput(file);
    } catch (e) {
      console.error(`validate.mjs: ${label}: cannot read: ${e.message}`);
      fatal = true;
      continue;
    }
    const docs = parseAllDocuments(text, YAML_OPTIONS);
    const list = Array.isArray(docs) ? docs : [docs];
    const parseErrors = list.flatMap((d) => d.errors || []);
    if (parseErrors.length > 0) {
      for (const pe of parseErrors) {
        const pos = pe.linePos && pe.linePos[0] ? `${pe.linePos[0].line}:${pe.linePos[0].col}` : "?";
        const msg = String(pe.message).split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        console.error(`validate.mjs: ${label}:${pos}: YAML parse error: ${msg}`);
      }
      fatal = true;
      continue;
    }
    for (let i = 0; i < list.length; i++) {
      const where = `${label}#doc${i + 1}`;
      let value;
      try {
        value = list[i].toJS({ maxAliasCount: 1000 });
      } catch (e) {
        const line = list[i].range ? lineOf(text, list[i].range[0]) : "?";
        console.error(`validate.mjs: ${label}:${line}: YAML error: ${e.message}`);
        fatal = true;
        continue;
      }
      if (value === null || value === undefined) continue; // empty / comment-only document
      const objects =
        isPlainObject(value) && value.apiVersion === "v1" && value.kind === "List" && Array.isArray(value.items)
          ? value.items.map((it, j) => [`${where}.items[${j}]`, it])
          : [[where, value]];
      for (const [w, obj] of objects) {
        const id = isPlainObject(obj)
          ? `${typeof obj.kind === "string" && obj.kind ? obj.kind : "?"}/${isPlainObject(obj.metadata) && typeof obj.metadata.name === "string" && obj.metadata.name ? obj.metadata.name : "?"}`
          : "?/?";
        const { errors, note } = await validateObject(obj, opts);
        if (errors.length === 0) {
          valid++;
          console.log(`ok   ${w} ${id}${note ? ` (${note})` : ""}`);
        } else {
          invalid++;
          const shown = errors.slice(0, 12);
          const more = errors.length > shown.length ? `; ... and ${errors.length - shown.length} more` : "";
          console.log(`FAIL ${w} ${id}: ${shown.join("; ")}${more}`);
        }
      }
    }
  }
  console.log(`${valid} objects valid, ${invalid} invalid`);
  if (fatal) return 2;
  return invalid > 0 ? 1 : 0;
}

function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`validate.mjs: internal error: ${e && e.stack ? e.stack : e}`);
    process.exitCode = 2;
  },
);
