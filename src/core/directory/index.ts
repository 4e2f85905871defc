// The national directory (Annuaire Santé): import of the extraction file into a compact index,
// and search. Pure: bytes in, bytes and values out; storage is the caller's (CLI file, IndexedDB).
export { buildDirectoryIndex, unwrapExtraction, MIN_KEPT_RATIO } from "./build.ts";
export type { BuildOptions, BuiltIndex, DirectoryManifest, ImportStats, SkippedReasons } from "./build.ts";
export { DirectoryImportError, OFFICIAL_COLUMNS, COLUMNS } from "./extraction.ts";
export { MAX_EXTRACTION_BYTES, MAX_COMPRESSION_RATIO, DEFAULT_LIMITS, tooLargeError } from "./zip.ts";
export type { ExtractionLimits } from "./zip.ts";
export type { ImportErrorCode, Encoding } from "./extraction.ts";
export { DirectoryIndex, DEFAULT_LIMIT, MAX_LIMIT } from "./search.ts";
export type { DirectoryEntry } from "./search.ts";
export { foldText, foldWords, queryTokens, surnameKey } from "./normalize.ts";
export { preferredIds, usualCorrespondents, recordSent } from "./frequency.ts";
