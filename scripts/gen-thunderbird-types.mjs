#!/usr/bin/env node
// Generates src/types/thunderbird.d.ts from the WebExtension schema JSON files
// shipped inside Thunderbird's omni.ja (Manifest V3 view of the API).
//
// Usage: node scripts/gen-thunderbird-types.mjs [--omni PATH] [--check] [--verbose]
//
//   --omni PATH  omni.ja to read (default: $THUNDERBIRD_OMNI, else
//                /usr/lib/thunderbird/omni.ja)
//   --check      regenerate in memory and exit 1 if the committed file differs
//   --verbose    print notes about loosely mapped schema constructs to stderr
//
// Only dependency: fflate (unzipSync).

import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { strFromU8, unzipSync } from "fflate";

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(SCRIPT_DIR, "..");
const OUTPUT_REL = "src/types/thunderbird.d.ts";
const OUTPUT = path.join(REPO_ROOT, OUTPUT_REL);
const DEFAULT_OMNI = "/usr/lib/thunderbird/omni.ja";
const COMMAND = "node scripts/gen-thunderbird-types.mjs";
const MANIFEST_VERSION = 3;

/** API namespaces exposed on `messenger` (their sub-namespaces are included too). */
const API_NAMESPACES = [
  "accounts",
  "action",
  "addressBooks",
  "alarms",
  "compose",
  "folders",
  "i18n",
  "identities",
  "mailTabs",
  "management",
  "menus",
  "messageDisplay",
  "messageDisplayAction",
  "messages",
  "notifications",
  "permissions",
  "runtime",
  "scripting",
  "storage",
  "tabs",
  "windows",
  // Top-level `contacts` / `mailingLists` are included if the schema exposes
  // them in Manifest V3 (in Thunderbird 128+ they are MV2-only and MV3 uses
  // addressBooks.contacts / addressBooks.mailingLists).
  "contacts",
  "mailingLists",
];

// Names used by the generator itself inside `declare namespace messenger`.
const STATIC_NAME = "Static";
const HELPER_TYPES = ["WebExtEvent", "MaybePromise", STATIC_NAME];

// Chrome URL prefixes → paths inside omni.ja (fallback if chrome.manifest can't be read).
const DEFAULT_CHROME_CONTENT = {
  extensions: "chrome/toolkit/content/extensions/",
  messenger: "chrome/messenger/content/messenger/",
};
const SCHEMA_DIRS = [
  "chrome/messenger/content/messenger/schemas/",
  "chrome/toolkit/content/extensions/schemas/",
];
const BASE_SCHEMA_URL = "chrome://extensions/content/schemas/manifest.json";

// isInstanceOf → TypeScript (lib.dom / lib.es) type.
const INSTANCE_TYPES = {
  ArrayBuffer: "ArrayBuffer",
  Blob: "Blob",
  Date: "Date",
  DirectoryEntry: "FileSystemDirectoryEntry",
  Element: "Element",
  File: "File",
  ImageData: "ImageData",
  Promise: "Promise<unknown>",
  RegExp: "RegExp",
  Window: "Window",
};

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with implements interface let package private protected " +
    "public static yield await arguments eval"
  ).split(" "),
);

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const opts = { omni: null, check: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--check") opts.check = true;
    else if (a === "--verbose") opts.verbose = true;
    else if (a === "--omni") {
      if (i + 1 >= argv.length) usage("--omni needs a path");
      opts.omni = argv[++i];
    } else if (a.startsWith("--omni=")) opts.omni = a.slice("--omni=".length);
    else if (a === "--help" || a === "-h") usage(null, 0);
    else usage(`unknown argument: ${a}`);
  }
  opts.omni = path.resolve(opts.omni ?? process.env.THUNDERBIRD_OMNI ?? DEFAULT_OMNI);
  return opts;
}

function usage(msg, code = 2) {
  if (msg) process.stderr.write(`gen-thunderbird-types: ${msg}\n`);
  process.stderr.write(`Usage: ${COMMAND} [--omni PATH] [--check] [--verbose]\n`);
  process.exit(code);
}

// ---------------------------------------------------------------------------
// Reading omni.ja

/** Strip // and /* *\/ comments outside of JSON strings. */
export function stripJsonComments(text) {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw new Error("unterminated /* comment");
      i = end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function readOmni(omniPath) {
  const buf = fs.readFileSync(omniPath);
  const wanted = (name) =>
    name === "chrome.manifest" ||
    name === "chrome/chrome.manifest" ||
    name === "components/components.manifest" ||
    name === "modules/AppConstants.sys.mjs" ||
    /^chrome\/.*\/ext-[\w-]+\.json$/.test(name) ||
    SCHEMA_DIRS.some((d) => name.startsWith(d) && name.endsWith(".json"));
  const files = unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
    filter: (f) => wanted(f.name),
  });
  const text = {};
  for (const [name, data] of Object.entries(files)) text[name] = strFromU8(data);
  return text;
}

function readIni(file, section, key) {
  if (!fs.existsSync(file)) return null;
  let current = null;
  for (const raw of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) current = sec[1];
    else if (current === section) {
      const kv = /^([^=;#]+)=(.*)$/.exec(line);
      if (kv && kv[1].trim() === key) return kv[2].trim();
    }
  }
  return null;
}

function detectVersion(omniPath, files) {
  const dir = path.dirname(omniPath);
  const fromApp = readIni(path.join(dir, "application.ini"), "App", "Version");
  if (fromApp) return fromApp;
  const fromPlatform = readIni(path.join(dir, "platform.ini"), "Build", "Milestone");
  if (fromPlatform) return fromPlatform;
  const appConstants = files["modules/AppConstants.sys.mjs"];
  const m = appConstants && /MOZ_APP_VERSION:\s*"([^"]+)"/.exec(appConstants);
  if (m) return m[1];
  return "unknown version";
}

/**
 * The schema files Thunderbird really registers: manifest.json (base schema),
 * the `webextension-schemas` category, and every `schema` of the
 * `webextension-modules` (ext-*.json) files, with chrome.manifest overrides
 * applied. Falls back to every JSON file of the schema folders.
 */
function selectSchemaFiles(files, notes) {
  const content = { ...DEFAULT_CHROME_CONTENT };
  const overrides = {};
  for (const [manifestPath, base] of [
    ["chrome.manifest", ""],
    ["chrome/chrome.manifest", "chrome/"],
  ]) {
    for (const line of (files[manifestPath] ?? "").split(/\r?\n/)) {
      const parts = line.trim().split(/\s+/);
      if (parts[0] === "content" && parts.length >= 3 && !parts[2].includes(":")) {
        content[parts[1]] = path.posix.normalize(base + parts[2]).replace(/\/?$/, "/");
      } else if (parts[0] === "override" && parts.length >= 3) {
        overrides[parts[1]] = parts[2];
      }
    }
  }
  const toPath = (url) => {
    const resolved = overrides[url] ?? url;
    const m = /^chrome:\/\/([^/]+)\/content\/(.*)$/.exec(resolved);
    return m && content[m[1]] ? content[m[1]] + m[2] : null;
  };

  const urls = new Set([BASE_SCHEMA_URL]);
  const components = files["components/components.manifest"] ?? "";
  let modules = 0;
  for (const line of components.split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] !== "category") continue;
    if (parts[1] === "webextension-schemas") urls.add(parts[3]);
    if (parts[1] === "webextension-modules") {
      const p = toPath(parts[3]);
      if (!p || !files[p]) continue;
      modules++;
      const mod = JSON.parse(stripJsonComments(files[p]));
      for (const entry of Object.values(mod)) if (entry.schema) urls.add(entry.schema);
    }
  }
  if (modules === 0) {
    notes.push("components.manifest not usable: loading every schema JSON file");
    return Object.keys(files)
      .filter((f) => SCHEMA_DIRS.some((d) => f.startsWith(d)) && f.endsWith(".json"))
      .sort();
  }
  const result = new Set();
  for (const url of urls) {
    const p = toPath(url);
    if (!p || !files[p]) throw new Error(`schema ${url} (${p}) not found in omni.ja`);
    result.add(p);
  }
  return [...result].sort();
}

// ---------------------------------------------------------------------------
// Schema model

const ORIGIN = Symbol("origin namespace");

function mvOk(x) {
  if (!x || typeof x !== "object") return true;
  if (x.unsupported) return false;
  if (x.max_manifest_version !== undefined && x.max_manifest_version < MANIFEST_VERSION) return false;
  if (x.min_manifest_version !== undefined && x.min_manifest_version > MANIFEST_VERSION) return false;
  return true;
}

/** Remember in which namespace each schema node was written (for $ref resolution). */
function tagOrigin(node, ns) {
  if (Array.isArray(node)) {
    for (const x of node) tagOrigin(x, ns);
  } else if (node && typeof node === "object") {
    node[ORIGIN] = ns;
    for (const v of Object.values(node)) tagOrigin(v, ns);
  }
}

class Registry {
  constructor(notes) {
    this.notes = notes;
    /** @type {Map<string, any>} */
    this.namespaces = new Map();
  }

  ns(name) {
    let ns = this.namespaces.get(name);
    if (!ns) {
      ns = {
        name,
        description: null,
        exposed: false,
        import: null,
        types: new Map(),
        extends: [],
        functions: [],
        events: [],
        properties: [],
      };
      this.namespaces.set(name, ns);
    }
    return ns;
  }

  load(file, json) {
    for (const def of json) {
      const ns = this.ns(def.namespace);
      tagOrigin(def, def.namespace);
      const defOk = mvOk(def);
      // A namespace is exposed in MV3 if at least one of its definitions is.
      if (defOk) ns.exposed = true;
      if (def.description && !ns.description) ns.description = def.description;
      if (def.$import) ns.import = def.$import;
      for (const t of def.types ?? []) {
        if (t.unsupported) continue;
        if (t.$extend) {
          if (mvOk(t)) ns.extends.push(t);
          continue;
        }
        if (!mvOk(t)) continue;
        if (ns.types.has(t.id)) throw new Error(`${file}: duplicate type ${def.namespace}.${t.id}`);
        ns.types.set(t.id, t);
      }
      // Members of a namespace definition that is not exposed in MV3 are kept
      // (flagged) because another namespace may $import them.
      const keep = (item) => mvOk(item) && { item, defOk };
      for (const f of def.functions ?? []) if (keep(f)) ns.functions.push(keep(f));
      for (const e of def.events ?? []) if (keep(e)) ns.events.push(keep(e));
      for (const [name, p] of Object.entries(def.properties ?? {})) {
        if (keep(p)) ns.properties.push({ name, ...keep(p) });
      }
    }
  }

  /** Apply `$extend` (choices are appended, properties merged) after everything is loaded. */
  applyExtends() {
    for (const ns of this.namespaces.values()) {
      for (const ext of ns.extends) {
        const found = this.lookupType(ns.name, ext.$extend);
        if (!found) {
          this.notes.push(`$extend of unknown type ${ns.name}.${ext.$extend} ignored`);
          continue;
        }
        const base = found.schema;
        if (ext.choices) base.choices = [...(base.choices ?? []), ...ext.choices];
        if (ext.properties) base.properties = { ...(base.properties ?? {}), ...ext.properties };
        if (ext.patternProperties) {
          base.patternProperties = { ...(base.patternProperties ?? {}), ...ext.patternProperties };
        }
        if (ext.enum) base.enum = [...(base.enum ?? []), ...ext.enum];
      }
    }
  }

  /** Type `id` declared in (or imported into) namespace `nsName`. */
  lookupType(nsName, id) {
    const seen = new Set();
    let cur = nsName;
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      const ns = this.namespaces.get(cur);
      if (!ns) return null;
      const t = ns.types.get(id);
      if (t) return { ns: nsName, id, schema: t };
      cur = ns.import;
    }
    return null;
  }

  /** All types visible in a namespace (own + $import-ed). */
  allTypes(nsName) {
    const out = new Map();
    const chain = [];
    const seen = new Set();
    for (let cur = nsName; cur && !seen.has(cur); cur = this.namespaces.get(cur)?.import) {
      seen.add(cur);
      chain.push(cur);
    }
    for (const cur of chain.reverse()) {
      for (const [id, t] of this.namespaces.get(cur)?.types ?? []) out.set(id, t);
    }
    return out;
  }

  /** Members (functions/events/properties) of a namespace including $import-ed ones. */
  members(nsName, kind) {
    const ns = this.namespaces.get(nsName);
    const key = (m) => (kind === "properties" ? m.name : m.item.name);
    const own = ns[kind].filter((m) => m.defOk || !ns.exposed);
    const ownNames = new Set();
    for (const m of own) {
      if (ownNames.has(key(m))) {
        throw new Error(`${nsName}: ${kind} entry ${key(m)} defined twice for MV${MANIFEST_VERSION}`);
      }
      ownNames.add(key(m));
    }
    // Like Firefox, the imported namespace's definitions come first.
    const imported = ns.import ? this.members(ns.import, kind) : [];
    const result = new Map();
    for (const m of [...imported, ...own]) result.set(key(m), m);
    return [...result.values()];
  }

  isApi(name) {
    const ns = this.namespaces.get(name);
    return Boolean(ns?.exposed) && API_NAMESPACES.some((a) => name === a || name.startsWith(a + "."));
  }

  /**
   * Where a type found in namespace `nsName` is emitted: MV2-only namespaces
   * that an MV3 API namespace $imports are emitted through the importer
   * (contacts → addressBooks.contacts).
   */
  canonicalNs(nsName) {
    if (this.isApi(nsName)) return nsName;
    const importers = [...this.namespaces.values()]
      .filter((ns) => ns.import === nsName && this.isApi(ns.name))
      .map((ns) => ns.name)
      .sort();
    return importers[0] ?? nsName;
  }

  resolveRef(ref, fromNs) {
    const candidates = [];
    if (ref.includes(".")) {
      const i = ref.lastIndexOf(".");
      candidates.push([ref.slice(0, i), ref.slice(i + 1)]);
      candidates.push([`${fromNs}.${ref.slice(0, i)}`, ref.slice(i + 1)]);
    } else {
      candidates.push([fromNs, ref]);
    }
    for (const [nsName, id] of candidates) {
      const found = this.lookupType(nsName, id);
      if (found) return { ns: this.canonicalNs(found.ns), id, schema: found.schema };
    }
    // Not resolvable the way Firefox does it (Firefox only resolves such refs
    // lazily, e.g. never for listener parameters): try the parent namespaces,
    // then a unique type of that name anywhere.
    const id = ref.slice(ref.lastIndexOf(".") + 1);
    for (let p = fromNs; p.includes("."); ) {
      p = p.slice(0, p.lastIndexOf("."));
      const found = this.lookupType(p, id);
      if (found) {
        this.notes.push(`$ref ${ref} in ${fromNs} resolved to parent namespace ${p}.${id}`);
        return { ns: this.canonicalNs(found.ns), id, schema: found.schema };
      }
    }
    const matches = new Map();
    for (const ns of this.namespaces.values()) {
      const found = this.lookupType(ns.name, id);
      if (found) matches.set(this.canonicalNs(found.ns), found.schema);
    }
    const unique = new Set(matches.values());
    if (unique.size === 1) {
      const byPreference = (a, b) =>
        Number(this.isApi(b)) - Number(this.isApi(a)) || (a < b ? -1 : a > b ? 1 : 0);
      const [nsName] = [...matches.keys()].sort(byPreference);
      this.notes.push(`$ref ${ref} in ${fromNs} resolved by unique type name to ${nsName}.${id}`);
      return { ns: nsName, id, schema: matches.get(nsName) };
    }
    throw new Error(`cannot resolve $ref "${ref}" from namespace ${fromNs}`);
  }
}

// ---------------------------------------------------------------------------
// Rendering helpers

const IDENT = /^[A-Za-z_$][\w$]*$/;

function propName(name) {
  return IDENT.test(name) ? name : JSON.stringify(name);
}

function paramName(name, index, used) {
  let n = name && IDENT.test(name) ? name : `arg${index}`;
  if (RESERVED.has(n)) n += "_";
  while (used.has(n)) n += "_";
  used.add(n);
  return n;
}

function decodeEntities(s) {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

/** First sentence of a schema description, as plain text. */
function summarize(desc) {
  if (typeof desc !== "string") return "";
  let s = desc
    .replace(/\$\(ref:([^)]+)\)/g, "$1")
    .replace(/\$\(url:[^)]*\)\[([^\]]*)\]/g, "$1")
    .replace(/\$\(doc:[^)]*\)\[([^\]]*)\]/g, "$1")
    .replace(/\$\((?:url|doc):([^)]*)\)/g, "$1")
    .replace(/:(?:ref|doc):`([^`<]*?)(?:\s*<[^>]*>)?`/g, "$1")
    .replace(/<[^>]*>/g, "");
  s = decodeEntities(s).replace(/\s+/g, " ").trim();
  const m = /^(.+?[.!?])(?=\s+[A-Z(]|$)/.exec(s);
  if (m) s = m[1];
  return s.replace(/\*\//g, "*\\/");
}

function jsdoc(schema, indent) {
  const lines = [];
  const summary = summarize(schema?.description);
  if (summary) lines.push(summary);
  if (schema?.deprecated) {
    const d = typeof schema.deprecated === "string" ? summarize(schema.deprecated) : "";
    lines.push(d ? `@deprecated ${d}` : "@deprecated");
  }
  if (!lines.length) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join("\n")}\n${indent} */\n`;
}

function literal(v) {
  return JSON.stringify(v);
}

/** Top-level members of a rendered union type (a function type is kept whole). */
function unionMembers(t) {
  const parts = [];
  let depth = 0;
  let start = 0;
  let arrow = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '"') {
      for (i++; i < t.length && t[i] !== '"'; i++) if (t[i] === "\\") i++;
    } else if ("([{<".includes(c)) depth++;
    else if (")]}".includes(c) || (c === ">" && t[i - 1] !== "=")) depth--;
    else if (depth === 0 && c === "=" && t[i + 1] === ">") arrow = true;
    else if (depth === 0 && t.startsWith(" | ", i)) {
      parts.push(t.slice(start, i));
      start = i + 3;
    }
  }
  if (arrow) return [t];
  parts.push(t.slice(start));
  return parts;
}

function union(types) {
  const uniq = [...new Set(types.flatMap(unionMembers))].filter((t) => t !== "never");
  if (uniq.includes("unknown")) return "unknown";
  if (uniq.includes("any")) return "any";
  if (uniq.length === 0) return "never";
  if (uniq.length === 1) return uniq[0];
  return uniq.map((t) => (needsParens(t) ? `(${t})` : t)).join(" | ");
}

function needsParens(t) {
  // Function types must be parenthesized inside unions and arrays.
  return /^\(.*\)\s*=>/s.test(t) && !isWrapped(t);
}

function isWrapped(t) {
  if (!t.startsWith("(") || !t.endsWith(")")) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === "(") depth++;
    else if (t[i] === ")") depth--;
    if (depth === 0 && i < t.length - 1) return false;
  }
  return true;
}

function arrayOf(t) {
  return /^[\w.]+$/.test(t) ? `${t}[]` : `Array<${t}>`;
}

// ---------------------------------------------------------------------------
// Generator

class Generator {
  constructor(registry, notes) {
    this.reg = registry;
    this.notes = notes;
    /** Types to emit: Map<ns, Set<id>> */
    this.needed = new Map();
    this.queue = [];
    /** Names of the schema types (narrowed to the emitted ones before writing). */
    this.declaredIds = new Set();
    for (const ns of registry.namespaces.values()) for (const id of ns.types.keys()) this.declaredIds.add(id);
  }

  note(msg) {
    if (!this.notes.includes(msg)) this.notes.push(msg);
  }

  global(name) {
    const base = name.replace(/<.*$/, "");
    return this.declaredIds.has(base) ? `globalThis.${name}` : name;
  }

  need(nsName, id) {
    let set = this.needed.get(nsName);
    if (!set) this.needed.set(nsName, (set = new Set()));
    if (!set.has(id)) {
      set.add(id);
      this.queue.push([nsName, id]);
    }
  }

  /**
   * Render a schema as a TypeScript type.
   * ctx: { ns: namespace for unqualified $ref, emitNs: namespace being written,
   *        indent: current indentation, mode: "in" (value passed to the API) | "out" }
   */
  type(s, ctx) {
    if (!s || typeof s !== "object") return "unknown";
    const refNs = s[ORIGIN] ?? ctx.ns;
    if (s.$ref) {
      if (/(^|\.)UnrecognizedProperty$/.test(s.$ref)) return "unknown";
      const target = this.reg.resolveRef(s.$ref, refNs);
      this.need(target.ns, target.id);
      const name = target.ns === ctx.emitNs ? target.id : `messenger.${target.ns}.${target.id}`;
      if (s.properties) {
        // A $ref with extra properties (e.g. storage.local: StorageArea + QUOTA_BYTES).
        const extra = this.objectBody({ type: "object", properties: s.properties, [ORIGIN]: refNs }, ctx);
        return `${name} & ${extra}`;
      }
      return name;
    }
    if (s.$import) return this.type(this.mergeImport(s, refNs), ctx);
    if (s.choices) {
      return union(s.choices.filter(mvOk).map((c) => this.type(c, ctx)));
    }
    if (s.isInstanceOf) {
      const t = INSTANCE_TYPES[s.isInstanceOf];
      if (t) return this.global(t);
      this.note(`isInstanceOf ${s.isInstanceOf} has no DOM type: mapped to object`);
      return "object";
    }
    if (s.value !== undefined && (s.value === null || typeof s.value !== "object")) return literal(s.value);
    switch (s.type) {
      case "string":
        if (s.enum) return union(s.enum.filter(mvOk).map((e) => literal(typeof e === "object" ? e.name : e)));
        return "string";
      case "integer":
      case "number":
        if (s.enum) return union(s.enum.filter(mvOk).map((e) => literal(typeof e === "object" ? e.name : e)));
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "any":
        return "unknown";
      case "binary":
        return this.global("ArrayBuffer");
      case "array":
        return arrayOf(s.items ? this.type(s.items, ctx) : "unknown");
      case "function":
        return this.functionType(s, ctx);
      case "object":
        return this.objectBody(s, ctx);
      default:
        if (s.properties || s.functions || s.events) return this.objectBody(s, ctx);
        this.note(`schema node without type (${JSON.stringify(Object.keys(s))}) mapped to unknown`);
        return "unknown";
    }
  }

  /** Type-level $import: the imported object schema merged with the local one. */
  mergeImport(s, refNs) {
    const target = this.reg.resolveRef(s.$import, refNs);
    let base = target.schema;
    if (base.$import) base = this.mergeImport(base, base[ORIGIN] ?? target.ns);
    const merged = { ...base, ...s, properties: { ...(base.properties ?? {}), ...(s.properties ?? {}) } };
    delete merged.$import;
    delete merged.id;
    merged[ORIGIN] = refNs;
    return merged;
  }

  /** Object literal type (or `object` / index signature for free-form objects). */
  objectBody(s, ctx) {
    const lines = this.objectMembers(s, { ...ctx, indent: ctx.indent + "  " });
    if (lines === null) {
      if (ctx.mode === "in") return "object";
      return "{ [key: string]: unknown }";
    }
    return `{\n${lines.join("")}${ctx.indent}}`;
  }

  /**
   * Member lines of an object type, or null if the object is free-form
   * (no properties, functions, events nor additional/pattern properties).
   */
  objectMembers(s, ctx) {
    const ind = ctx.indent;
    const out = [];
    const memberTypes = [];
    let anyOptional = false;
    const props = Object.entries(s.properties ?? {}).filter(([, p]) => mvOk(p));
    for (const [name, p] of props) {
      const t = this.type(p, ctx);
      const optional = Boolean(p.optional);
      anyOptional ||= optional;
      memberTypes.push(t);
      out.push(`${jsdoc(p, ind)}${ind}${propName(name)}${optional ? "?" : ""}: ${t};\n`);
    }
    for (const f of (s.functions ?? []).filter(mvOk)) {
      for (const sig of this.methodSignatures(f, ctx)) out.push(sig);
      memberTypes.push("unknown");
    }
    for (const e of (s.events ?? []).filter(mvOk)) {
      out.push(this.eventMember(e, ctx));
      memberTypes.push("unknown");
    }
    const extra = [];
    const add = s.additionalProperties;
    if (add && typeof add === "object" && !/(^|\.)UnrecognizedProperty$/.test(add.$ref ?? "")) {
      extra.push(add.type === "any" && ctx.mode === "in" ? "any" : this.type(add, ctx));
    } else if (add === true) {
      extra.push("unknown");
    }
    for (const [pattern, p] of Object.entries(s.patternProperties ?? {})) {
      this.note(`patternProperties (${pattern}) mapped to a string index signature`);
      extra.push(this.type(p, ctx));
    }
    if (extra.length) {
      let idx = union(extra);
      if (idx !== "any" && idx !== "unknown" && memberTypes.length) {
        // Index signatures must cover the declared properties too.
        idx = union([...extra, ...memberTypes, ...(anyOptional ? ["undefined"] : [])]);
      }
      out.push(`${ind}[key: string]: ${idx};\n`);
    }
    if (!out.length && (s.type === "object" || !s.type)) return null;
    return out;
  }

  /** Parameter list rendering: `optional` params become `?` only if no required param follows. */
  renderParams(params, ctx) {
    let lastRequired = -1;
    params.forEach((p, i) => {
      if (!p.optional) lastRequired = i;
    });
    const used = new Set();
    return params
      .map((p, i) => {
        const name = paramName(p.name, i, used);
        const t = this.type(p, ctx);
        if (p.optional && i < lastRequired) return `${name}: ${union([t, "undefined"])}`;
        if (p.optional) return `${name}?: ${t}`;
        return `${name}: ${t}`;
      })
      .join(", ");
  }

  /** A function value type, e.g. a callback passed to the API or a listener. */
  functionType(f, ctx) {
    const flip = { ...ctx, mode: ctx.mode === "in" ? "out" : "in" };
    if (!f.parameters) {
      // The schema does not describe the parameters (scripting's `func`,
      // runtime.Port.postMessage, sendResponse): any function may be passed
      // in, and a function handed out by the API takes anything.
      this.note("function type without parameter list mapped to (...args: any[]) => unknown");
      const ret = f.returns ? this.returnType(f.returns, ctx) : "unknown";
      return `(...args: any[]) => ${ret}`;
    }
    const params = f.parameters.filter(mvOk);
    const ret = f.returns ? this.returnType(f.returns, ctx) : "void";
    return `(${this.renderParams(params, flip)}) => ${ret}`;
  }

  returnType(r, ctx) {
    const t = this.type(r, ctx);
    return r.optional ? union([t, "undefined"]) : t;
  }

  /** Signatures (overloads) of an API function: `name(params): Return;` lines. */
  methodSignatures(f, ctx) {
    const ind = ctx.indent;
    const name = propName(f.name);
    let params = (f.parameters ?? []).filter(mvOk);
    let ret;
    const outCtx = { ...ctx, mode: "out" };
    if (f.async) {
      const cbName = typeof f.async === "string" ? f.async : null;
      let cb = cbName ? params.find((p) => p.name === cbName) : null;
      const last = params[params.length - 1];
      if (!cb && last?.type === "function" && last.name === "callback") {
        // `async: true` plus a trailing callback (messages.tags.create):
        // the promise resolves to the callback's value.
        this.note(`${f.name}: async: true with a callback parameter, treated as async: "callback"`);
        cb = last;
      }
      if (cb) params = params.filter((p) => p !== cb);
      let inner = "void";
      if (cb) {
        const cbParams = (cb.parameters ?? []).filter(mvOk);
        if (cbParams.length > 1) {
          this.note(`${f.name}: callback with ${cbParams.length} parameters, the promise resolves to the first`);
        }
        if (cbParams.length) {
          inner = this.type(cbParams[0], outCtx);
          if (cbParams[0].optional) inner = union([inner, "undefined"]);
        }
      } else if (f.returns) {
        inner = this.returnType(f.returns, outCtx);
      }
      ret = `Promise<${inner}>`;
    } else {
      ret = f.returns ? this.returnType(f.returns, outCtx) : "void";
    }
    const inCtx = { ...ctx, mode: "in" };

    // Like Firefox's argument normalizer, any optional parameter may be
    // omitted while later arguments are given (`compose.beginNew(details)`,
    // `alarms.create(alarmInfo)`): one overload per combination. Within a
    // signature, an optional parameter followed by a required one is
    // `T | undefined` (undefined/null are accepted for it).
    const omittable = params.map((p, i) => i).filter((i) => params[i].optional && i < params.length - 1);
    const variants = [];
    if (omittable.length > 3) {
      this.note(`${f.name}: too many omittable parameters, typed as T | undefined`);
      variants.push(params);
    } else {
      for (let mask = 0; mask < 1 << omittable.length; mask++) {
        variants.push(params.filter((p, i) => !omittable.some((m, bit) => m === i && mask & (1 << bit))));
      }
    }
    const doc = jsdoc(f, ind);
    const signatures = [];
    for (const ps of variants) {
      const sig = `${ind}${name}(${this.renderParams(ps, inCtx)}): ${ret};\n`;
      // Omitting a trailing optional parameter is already covered by `?`.
      const covered = signatures.some((other) => this.covers(other, sig));
      if (!covered && !signatures.includes(sig)) signatures.push(sig);
    }
    return signatures.map((sig) => doc + sig);
  }

  /** Whether signature `a` accepts every call `b` accepts because b is a's prefix of `?` parameters. */
  covers(a, b) {
    const strip = (sig) => sig.replace(/\): [^\n]*\n$/, "");
    const sa = strip(a);
    const sb = strip(b);
    if (sa === sb) return true;
    if (!sa.startsWith(sb.endsWith("(") ? sb : sb + ", ")) return false;
    // Every parameter of `a` after the common prefix must be optional (`?:`).
    const rest = sa.slice(sb.length);
    return this.restAllOptional(rest);
  }

  restAllOptional(rest) {
    const parts = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if ("([{<".includes(c)) depth++;
      else if (")]}".includes(c) || (c === ">" && rest[i - 1] !== "=")) depth--;
      else if (depth === 0 && c === ",") {
        parts.push(rest.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(rest.slice(start));
    return parts.map((x) => x.trim()).filter(Boolean).every((x) => /^[\w$]+\?:/.test(x));
  }

  eventMember(e, ctx) {
    const ind = ctx.indent;
    return `${jsdoc(e, ind)}${ind}${propName(e.name)}: ${this.eventType(e, ctx)};\n`;
  }

  eventType(e, ctx) {
    const extra = (e.extraParameters ?? []).filter(mvOk);
    const inner = extra.length ? { ...ctx, indent: ctx.indent + "  " } : ctx;
    const outCtx = { ...inner, mode: "out" };
    const inCtx = { ...inner, mode: "in" };
    const params = (e.parameters ?? []).filter(mvOk);
    let ret = "void";
    if (params.some((p) => p.name === "sendResponse" && p.type === "function")) {
      // runtime.onMessage & co: the schema says "returns boolean", but a
      // listener may also return a Promise of the response.
      this.note(`${e.name}: listener returns boolean | void | Promise<unknown> (sendResponse protocol)`);
      ret = "boolean | void | Promise<unknown>";
    } else if (e.returns) {
      const r = this.type(e.returns, inCtx);
      const allOptional =
        e.returns.optional ||
        (e.returns.type === "object" &&
          Object.values(e.returns.properties ?? {}).every((p) => p.optional));
      ret = allOptional ? `messenger.MaybePromise<${r} | void>` : `messenger.MaybePromise<${r}>`;
    }
    const listener = `(${this.renderParams(params, outCtx)}) => ${ret}`;
    if (!extra.length) return `messenger.WebExtEvent<${listener}>`;
    return `messenger.WebExtEvent<\n${inner.indent}${listener},\n${inner.indent}[${this.renderParams(extra, inCtx)}]\n${ctx.indent}>`;
  }

  /** Declaration of named type `id` of namespace `nsName`. */
  typeDeclaration(nsName, id, indent) {
    const found = this.reg.lookupType(nsName, id);
    if (!found) throw new Error(`type ${nsName}.${id} not found`);
    let s = found.schema;
    const origin = s[ORIGIN];
    // Types that reached this namespace through a namespace $import resolve
    // their unqualified refs in the importing namespace, as Firefox does.
    const refNs = this.reg.canonicalNs(origin) === nsName ? nsName : origin;
    const ctx = { ns: refNs, emitNs: nsName, indent, mode: "out" };
    if (s.$import) s = this.mergeImport(s, refNs);
    const doc = jsdoc(s, indent);
    const isInterface =
      (s.type === "object" || (!s.type && !s.$ref && s.properties)) &&
      !s.isInstanceOf &&
      !s.choices &&
      (s.properties || s.functions || s.events || s.additionalProperties || s.patternProperties);
    if (isInterface) {
      const members = this.objectMembers(s, { ...ctx, indent: indent + "  " });
      if (members) return `${doc}${indent}interface ${id} {\n${members.join("")}${indent}}\n`;
    }
    return `${doc}${indent}type ${id} = ${this.type(s, ctx)};\n`;
  }

  /** `Static` interface of an API namespace: its functions, events, properties and sub-namespaces. */
  staticInterface(nsName, children, indent) {
    const ctx = { ns: nsName, emitNs: nsName, indent: indent + "  ", mode: "in" };
    const lines = [];
    const names = new Set();
    const claim = (n) => {
      if (names.has(n)) throw new Error(`${nsName}: member ${n} defined twice`);
      names.add(n);
    };
    for (const { item: f } of this.reg.members(nsName, "functions")) {
      claim(f.name);
      lines.push(...this.methodSignatures(f, ctx));
    }
    for (const { item: e } of this.reg.members(nsName, "events")) {
      claim(e.name);
      lines.push(this.eventMember(e, ctx));
    }
    for (const { name, item: p } of this.reg.members(nsName, "properties")) {
      claim(name);
      const t = this.type(p, { ...ctx, mode: "out" });
      lines.push(`${jsdoc(p, ctx.indent)}${ctx.indent}readonly ${propName(name)}${p.optional ? "?" : ""}: ${t};\n`);
    }
    for (const child of children) {
      const short = child.slice(nsName.length + 1);
      claim(short);
      const doc = jsdoc({ description: this.reg.namespaces.get(child).description }, ctx.indent);
      lines.push(`${doc}${ctx.indent}readonly ${propName(short)}: messenger.${child}.${STATIC_NAME};\n`);
    }
    return `${indent}/** The \`messenger.${nsName}\` API object. */\n${indent}interface ${STATIC_NAME} {\n${lines.join("")}${indent}}\n`;
  }

  generate(version) {
    const apiNames = [...this.reg.namespaces.keys()].filter((n) => this.reg.isApi(n)).sort();
    const childrenOf = (names, n) =>
      [...names].filter((c) => c.startsWith(n + ".") && !c.slice(n.length + 1).includes(".")).sort();

    // Collect the referenced types: render every API object, then every
    // needed type, until no new type is referenced.
    for (const n of apiNames) for (const id of this.reg.allTypes(n).keys()) this.need(n, id);
    for (const n of apiNames) this.staticInterface(n, childrenOf(apiNames, n), "");
    while (this.queue.length) {
      const [nsName, id] = this.queue.shift();
      this.typeDeclaration(nsName, id, "");
    }

    // Namespace tree (intermediate namespaces included).
    const nsNames = new Set([...apiNames, ...this.needed.keys()]);
    for (const n of [...nsNames]) {
      for (let p = n; p.includes("."); ) {
        p = p.slice(0, p.lastIndexOf("."));
        nsNames.add(p);
      }
    }
    const topLevel = [...nsNames].filter((n) => !n.includes(".")).sort();
    const topApi = topLevel.filter((n) => this.reg.isApi(n));
    for (const n of nsNames) {
      if (this.needed.get(n)?.has(STATIC_NAME)) {
        throw new Error(`schema type ${n}.${STATIC_NAME} clashes with the generated API interface`);
      }
      for (const c of childrenOf(nsNames, n)) {
        if (this.needed.get(n)?.has(c.slice(n.length + 1))) {
          throw new Error(`type ${n}.${c.slice(n.length + 1)} clashes with namespace ${c}`);
        }
      }
    }
    // Global types are written `globalThis.X` only where an emitted schema type shadows them.
    this.declaredIds = new Set([...this.needed.values()].flatMap((ids) => [...ids]));
    for (const g of ["Array", "Promise"]) {
      if (this.declaredIds.has(g)) throw new Error(`a schema type named ${g} would shadow the global ${g}`);
    }
    for (const h of HELPER_TYPES) {
      if (topLevel.includes(h)) throw new Error(`namespace ${h} clashes with a generated helper type`);
    }

    const emitNs = (n, indent) => {
      const ns = this.reg.namespaces.get(n);
      const inner = indent + "  ";
      const parts = [];
      for (const id of [...(this.needed.get(n) ?? [])].sort()) parts.push(this.typeDeclaration(n, id, inner));
      if (this.reg.isApi(n)) parts.push(this.staticInterface(n, childrenOf(apiNames, n), inner));
      for (const c of childrenOf(nsNames, n)) parts.push(emitNs(c, inner));
      const desc = ns?.description ? summarize(ns.description) : "";
      const what = this.reg.isApi(n) ? "" : " (types only)";
      const short = n.slice(n.lastIndexOf(".") + 1);
      return (
        `${indent}/** \`${n}\`${what}${desc ? `: ${desc}` : ""} */\n` +
        `${indent}namespace ${short} {\n${parts.join("\n")}${indent}}\n`
      );
    };

    const header = [
      "// GENERATED FILE - DO NOT EDIT.",
      // Only the ESR major version: a security update of the same ESR (153.7 -> 153.8) keeps the
      // API surface, and must not make the committed file look stale.
      `// Generated from the WebExtension schemas of Thunderbird ${majorVersion(version)} ESR (omni.ja),`,
      "// Manifest V3 only, by:",
      `//   ${COMMAND}`,
      "// Check that it is up to date with:",
      `//   ${COMMAND} --check`,
      "",
      "",
    ].join("\n");
    const helpers = [
      "  /** A WebExtension event: `messenger.<api>.onSomething`. */",
      "  interface WebExtEvent<",
      "    TCallback extends (...args: never[]) => unknown,",
      "    TExtraParameters extends unknown[] = [],",
      "  > {",
      "    /** Registers a listener; some events take extra parameters (filters, options). */",
      "    addListener(callback: TCallback, ...extraParameters: TExtraParameters): void;",
      "    /** Deregisters a listener. */",
      "    removeListener(callback: TCallback): void;",
      "    /** Whether the listener is registered. */",
      "    hasListener(callback: TCallback): boolean;",
      "  }",
      "",
      "  /** A listener result: the value itself or a Promise of it. */",
      "  type MaybePromise<T> = T | Promise<T>;",
      "",
    ].join("\n");
    const consts = topApi
      .map((n) => {
        const doc = jsdoc({ description: this.reg.namespaces.get(n)?.description }, "  ");
        return `${doc}  const ${n}: messenger.${n}.${STATIC_NAME};\n`;
      })
      .join("");
    const body = topLevel.map((n) => emitNs(n, "  ")).join("\n");
    if (this.queue.length) throw new Error("internal error: type set changed while writing");
    return (
      header +
      "/** Thunderbird WebExtension APIs (Manifest V3); `browser` is an alias. */\n" +
      "declare namespace messenger {\n" +
      `${helpers}\n${body}\n` +
      "  // The API objects.\n" +
      `${consts}}\n\n` +
      "/** Alias of `messenger`. */\n" +
      "declare const browser: typeof messenger;\n"
    );
  }
}

// ---------------------------------------------------------------------------

export function generate(omniPath, notes = []) {
  const files = readOmni(omniPath);
  const version = detectVersion(omniPath, files);
  const registry = new Registry(notes);
  for (const file of selectSchemaFiles(files, notes)) {
    let json;
    try {
      json = JSON.parse(stripJsonComments(files[file]));
    } catch (err) {
      throw new Error(`${file}: ${err.message}`, { cause: err });
    }
    registry.load(file, json);
  }
  registry.applyExtends();
  const missing = API_NAMESPACES.filter((n) => !registry.isApi(n));
  for (const n of missing) notes.push(`namespace ${n} is not exposed in MV${MANIFEST_VERSION}: skipped`);
  const out = new Generator(registry, notes).generate(version);
  return { text: out, version };
}

/** "153.8.0esr" -> "153": what the header names. */
export function majorVersion(version) {
  const m = /^(\d+)/.exec(version);
  return m ? m[1] : version;
}

/** The declarations without the leading comment block (which names the Thunderbird version). */
export function apiSurface(text) {
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length && (lines[i].startsWith("//") || lines[i] === "")) i++;
  return lines.slice(i).join("\n");
}

/**
 * Splits the declarations into their namespaces (`messenger.compose`, `messenger.messages.tags`…),
 * each with the lines that belong to it and not to a nested namespace.
 */
export function namespaceBlocks(text) {
  const blocks = new Map();
  const stack = [];
  for (const line of apiSurface(text).split("\n")) {
    const open = /^(\s*)namespace (\w+) \{$/.exec(line);
    if (open) {
      stack.push({ name: open[2], indent: open[1] });
      continue;
    }
    const top = stack[stack.length - 1];
    if (top && line === `${top.indent}}`) {
      stack.pop();
      continue;
    }
    const name = stack.map((s) => s.name).join(".") || "(top level)";
    blocks.set(name, (blocks.get(name) ?? "") + line + "\n");
  }
  return blocks;
}

/** Which APIs were added, removed or changed between the committed and the generated file. */
export function describeSurfaceChange(committedText, generatedText) {
  const a = namespaceBlocks(committedText);
  const b = namespaceBlocks(generatedText);
  const added = [...b.keys()].filter((n) => !a.has(n));
  const removed = [...a.keys()].filter((n) => !b.has(n));
  const changed = [...b.keys()].filter((n) => a.has(n) && a.get(n) !== b.get(n));
  const parts = [];
  if (added.length) parts.push(`new: ${added.join(", ")}`);
  if (removed.length) parts.push(`removed: ${removed.join(", ")}`);
  if (changed.length) parts.push(`changed: ${changed.join(", ")}`);
  return `the API surface differs (${parts.join("; ") || "layout only"})`;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.omni)) {
    process.stderr.write(
      `gen-thunderbird-types: ${opts.omni} not found (is Thunderbird installed? use --omni PATH or THUNDERBIRD_OMNI)\n`,
    );
    process.exit(2);
  }
  const notes = [];
  const { text, version } = generate(opts.omni, notes);
  if (opts.verbose) for (const n of notes) process.stderr.write(`note: ${n}\n`);
  if (opts.check) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : null;
    if (current !== null && apiSurface(current) === apiSurface(text)) {
      process.stdout.write(`${OUTPUT_REL} is up to date (Thunderbird ${version}).\n`);
      return;
    }
    const detail = current === null ? "the file does not exist" : describeSurfaceChange(current, text);
    process.stderr.write(
      `${OUTPUT_REL} is out of date with Thunderbird ${version} (${opts.omni}); ${detail}\n` +
        `Run: ${COMMAND}${opts.omni === path.resolve(DEFAULT_OMNI) ? "" : ` --omni ${opts.omni}`}\n`,
    );
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, text);
  process.stdout.write(`Wrote ${OUTPUT_REL} (${text.length} bytes) from Thunderbird ${version}.\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`gen-thunderbird-types: ${err.stack ?? err}\n`);
    process.exit(2);
  }
}
