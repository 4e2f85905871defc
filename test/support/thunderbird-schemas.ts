// Reads the WebExtension schemas of the installed Thunderbird (the truth for its APIs) from omni.ja.
import { existsSync, readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";

export const OMNI_JA = process.env.THUNDERBIRD_OMNI ?? "/usr/lib/thunderbird/omni.ja";

export interface SchemaMember {
  name: string;
  kind: "function" | "event" | "property" | "type";
  permissions?: string[];
}
export interface SchemaNamespace {
  namespace: string;
  permissions?: string[];
  members: Map<string, SchemaMember>;
}

/** Drops the license comments that precede the JSON in Mozilla's schema files. */
export function parseSchemaJson(text: string): unknown {
  const stripped = text.replace(/^\s*\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
  return JSON.parse(stripped);
}

interface RawNamespace {
  namespace: string;
  /** MV3 sub-namespaces re-export an older namespace (addressBooks.contacts imports contacts). */
  $import?: string;
  permissions?: string[];
  functions?: { name: string; permissions?: string[] }[];
  events?: { name: string; permissions?: string[] }[];
  properties?: Record<string, { permissions?: string[] }>;
  types?: { id?: string }[];
}

export function indexSchemas(files: unknown[]): Map<string, SchemaNamespace> {
  const out = new Map<string, SchemaNamespace>();
  const imports: [string, string][] = [];
  for (const file of files) {
    for (const ns of file as RawNamespace[]) {
      if (ns.$import) imports.push([ns.namespace, ns.$import]);
      const entry = out.get(ns.namespace) ?? { namespace: ns.namespace, permissions: ns.permissions, members: new Map() };
      if (ns.permissions) entry.permissions = ns.permissions;
      const add = (name: string, kind: SchemaMember["kind"], permissions?: string[]) => {
        // Some functions appear twice (MV2 and MV3 variants): keep the least demanding.
        const prev = entry.members.get(name);
        if (prev && prev.permissions && permissions && prev.permissions.length <= permissions.length) return;
        entry.members.set(name, { name, kind, permissions });
      };
      for (const f of ns.functions ?? []) add(f.name, "function", f.permissions);
      for (const e of ns.events ?? []) add(e.name, "event", e.permissions);
      for (const [name, p] of Object.entries(ns.properties ?? {})) add(name, "property", p.permissions);
      for (const t of ns.types ?? []) if (t.id) add(t.id, "type");
      out.set(ns.namespace, entry);
    }
  }
  for (const [name, from] of imports) {
    const target = out.get(name);
    const source = out.get(from);
    if (!target || !source) continue;
    for (const [k, v] of source.members) if (!target.members.has(k)) target.members.set(k, v);
    target.permissions ??= source.permissions;
  }
  return out;
}

export function loadThunderbirdSchemas(): Map<string, SchemaNamespace> | undefined {
  if (!existsSync(OMNI_JA)) return undefined;
  const files = unzipSync(readFileSync(OMNI_JA), {
    filter: (f) => /^chrome\/(messenger\/content\/messenger|toolkit\/content\/extensions)\/schemas\/[^/]+\.json$/.test(f.name),
  });
  return indexSchemas(Object.values(files).map((bytes) => parseSchemaJson(strFromU8(bytes))));
}
