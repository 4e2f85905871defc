// METADATA.XML (an ebRIM 3.0 SubmitObjectsRequest) turned into plain objects: the submission set,
// the documents (ExtrinsicObjects) with their Slots, Classifications and ExternalIdentifiers.
// Real senders write it with `lcm:`/`rim:`, `ns2:` or no prefix at all (default namespace), so
// elements are matched by local name.
//
// Hostile XML is refused before the parser sees it: no DOCTYPE and no entity declaration at all
// (nothing legitimate in an XDM needs one; billion laughs and external entities need one), a size
// cap, and the parser itself runs with entity processing off and a nesting cap. Only the five
// predefined entities and character references are decoded, by one regular-expression pass.
//
// Bounds: the pre-checks are single regular-expression scans; XMLValidator and XMLParser make one
// pass over the text with an explicit tag stack; the tree they build is walked once below, its
// depth capped by MAX_DEPTH (the validator refuses deeper documents before the recursive builder
// runs): time and memory are linear in the size of METADATA.XML, itself at most MAX_METADATA_BYTES.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeBytes } from "../text.ts";
import { msg, type Text } from "../i18n.ts";

/** Real METADATA.XML files are 5–100 KB (a few documents); 4 MiB is a hundred documents' worth. */
export const MAX_METADATA_BYTES = 4 * 1024 * 1024;
/** ebRIM metadata is 6–7 levels deep (SubmitObjectsRequest/…/Slot/ValueList/Value). */
export const MAX_DEPTH = 32;

export const SCHEME = {
  author: "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d",
  classCode: "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a",
  typeCode: "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983",
  formatCode: "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
  documentPatientId: "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
  documentUniqueId: "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",
  submissionPatientId: "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446",
  submissionUniqueId: "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8",
  submissionAuthor: "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d",
  submissionSetNode: "urn:uuid:a54d6aa5-d40d-43f9-88c1-b4133d8e7ee4",
} as const;

export type MetadataError = "metadata-too-large" | "xml-doctype" | "xml-too-deep" | "xml-malformed" | "metadata-not-ebrim";

export interface RawClassification {
  scheme: string;
  node: string;
  nodeRepresentation: string | null;
  classifiedObject: string | null;
  slots: Map<string, string[]>;
  name: string | null;
}

export interface RawObject {
  id: string;
  mimeType: string | null;
  slots: Map<string, string[]>;
  name: string | null;
  classifications: RawClassification[];
  externalIds: { scheme: string; value: string }[];
}

export interface RawMetadata {
  packages: RawObject[];
  /** RegistryPackages recognised as the submission set (by classification or identifiers). */
  submissionSets: RawObject[];
  documents: RawObject[];
}

type Node = Record<string, unknown>;

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

/** The XML text: the declared encoding (UTF-8 by default), UTF-16 by its byte order mark. */
export function decodeXml(bytes: Uint8Array): string | null {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be", { fatal: true }).decode(bytes);
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
    const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    return decodeBytes(bytes, declared ?? "utf-8");
  } catch {
    return null;
  }
}

function kids(node: unknown, name: string): Node[] {
  if (!node || typeof node !== "object" || !Object.hasOwn(node, name)) return [];
  const v = (node as Node)[name];
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === "object") as Node[]) : [];
}

function attr(node: Node, name: string): string | null {
  const attrs = Object.hasOwn(node, "@") ? (node["@"] as Node | undefined) : undefined;
  if (!attrs || !Object.hasOwn(attrs, name)) return null;
  const v = attrs[name];
  return typeof v === "string" ? decodeEntities(v) : null;
}

function text(node: Node): string {
  const v = Object.hasOwn(node, "#text") ? node["#text"] : undefined;
  return typeof v === "string" ? decodeEntities(v).trim() : "";
}

function slots(node: Node): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const slot of kids(node, "Slot")) {
    const name = attr(slot, "name");
    if (!name) continue;
    const values = kids(slot, "ValueList").flatMap((l) => kids(l, "Value").map(text));
    out.set(name, [...(out.get(name) ?? []), ...values]);
  }
  return out;
}

/** The first LocalizedString of Name (XDM metadata has one language per submission). */
function nameOf(node: Node): string | null {
  for (const n of kids(node, "Name")) for (const ls of kids(n, "LocalizedString")) {
    const v = attr(ls, "value");
    if (v !== null && v.trim() !== "") return v.trim();
  }
  return null;
}

function classification(node: Node): RawClassification {
  return {
    scheme: attr(node, "classificationScheme") ?? "",
    node: attr(node, "classificationNode") ?? "",
    nodeRepresentation: attr(node, "nodeRepresentation"),
    classifiedObject: attr(node, "classifiedObject"),
    slots: slots(node),
    name: nameOf(node),
  };
}

function registryObject(node: Node, looseClassifications: RawClassification[], looseIds: { on: string; scheme: string; value: string }[]): RawObject {
  const id = attr(node, "id") ?? "";
  return {
    id,
    mimeType: attr(node, "mimeType"),
    slots: slots(node),
    name: nameOf(node),
    // Some senders put Classifications and ExternalIdentifiers beside the object, pointing at it.
    classifications: [...kids(node, "Classification").map(classification), ...looseClassifications.filter((c) => id !== "" && c.classifiedObject === id)],
    externalIds: [
      ...kids(node, "ExternalIdentifier").map((e) => ({ scheme: attr(e, "identificationScheme") ?? "", value: attr(e, "value") ?? "" })),
      ...looseIds.filter((e) => id !== "" && e.on === id),
    ],
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  attributesGroupName: "@",
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  alwaysCreateTextNode: true,
  textNodeName: "#text",
  maxNestedTags: MAX_DEPTH,
  isArray: (_name: string, _jpath: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

/** Refuses hostile XML, then reads the ebRIM objects. Never throws. */
export function parseMetadata(bytes: Uint8Array): { ok: true; metadata: RawMetadata } | { ok: false; status: MetadataError; detail?: Text } {
  if (bytes.length > MAX_METADATA_BYTES) return { ok: false, status: "metadata-too-large" };
  const xml = decodeXml(bytes);
  if (xml === null) return { ok: false, status: "xml-malformed", detail: msg("xdmXmlBadEncoding") };
  if (/<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST/i.test(xml)) return { ok: false, status: "xml-doctype" };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) return { ok: false, status: "xml-malformed", detail: msg("xdmXmlForbiddenChar") };
  if (tooDeep(xml)) return { ok: false, status: "xml-too-deep" };
  let tree: unknown;
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) return { ok: false, status: "xml-malformed", detail: msg("xdmXmlLine", String(valid.err.line), valid.err.msg) };
    tree = parser.parse(xml);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (/nest/i.test(why)) return { ok: false, status: "xml-too-deep" };
    if (/entit|doctype/i.test(why)) return { ok: false, status: "xml-doctype" };
    return { ok: false, status: "xml-malformed", detail: msg("xdmXmlParser", why.slice(0, 200)) };
  }
  const root = kids(tree, "SubmitObjectsRequest")[0] ?? kids(kids(tree, "ProvideAndRegisterDocumentSetRequest")[0], "SubmitObjectsRequest")[0];
  const list = kids(root, "RegistryObjectList")[0];
  if (!list) return { ok: false, status: "metadata-not-ebrim" };
  const looseClassifications = kids(list, "Classification").map(classification);
  const looseIds = kids(list, "ExternalIdentifier").map((e) => ({ on: attr(e, "registryObject") ?? "", scheme: attr(e, "identificationScheme") ?? "", value: attr(e, "value") ?? "" }));
  const packages = kids(list, "RegistryPackage").map((p) => registryObject(p, looseClassifications, looseIds));
  const documents = kids(list, "ExtrinsicObject").map((d) => registryObject(d, looseClassifications, looseIds));
  const submissionSets = packages.filter(
    (p) =>
      p.classifications.some((c) => c.node === SCHEME.submissionSetNode) ||
      p.externalIds.some((e) => e.scheme === SCHEME.submissionUniqueId || e.scheme === SCHEME.submissionPatientId),
  );
  return { ok: true, metadata: { packages, submissionSets: submissionSets.length > 0 ? submissionSets : packages.length === 1 ? packages : [], documents } };
}

/**
 * Nesting depth by a single scan over tags (comments, CDATA and processing instructions skipped):
 * the parser's own cap is checked only after its tokenizer has run, this one stops early.
 */
function tooDeep(xml: string): boolean {
  let depth = 0;
  let i = xml.indexOf("<");
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith("<!--", i)) i = xml.indexOf("-->", i + 4);
    else if (xml.startsWith("<![CDATA[", i)) i = xml.indexOf("]]>", i + 9);
    else if (xml[i + 1] === "?" || xml[i + 1] === "!") i = xml.indexOf(">", i);
    else if (xml[i + 1] === "/") {
      depth--;
      i = xml.indexOf(">", i);
    } else {
      const end = endOfTag(xml, i);
      if (end < 0) return false;
      if (xml[end - 1] !== "/" && ++depth > MAX_DEPTH) return true;
      i = end;
    }
    if (i < 0) return false;
    i = xml.indexOf("<", i + 1);
  }
  return false;
}

/** The `>` closing the start tag at `from`, quotes respected (a `>` may sit in an attribute). */
function endOfTag(xml: string, from: number): number {
  let quote = "";
  for (let j = from + 1; j < xml.length; j++) {
    const c = xml[j]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return j;
  }
  return -1;
}
