// Builds a directory index off the background page's thread, so that address searches keep
// answering while a 90 MB extraction is indexed.
import { buildDirectoryIndex, DirectoryImportError } from "../../core/directory/index.ts";

interface BuildRequest {
  raw: ArrayBuffer;
  sourceName: string;
  importedAt: string;
  previousEntries?: number;
}

self.onmessage = (event: MessageEvent<BuildRequest>) => {
  const { raw, ...options } = event.data;
  try {
    const built = buildDirectoryIndex(new Uint8Array(raw), options);
    const data = built.data.buffer.slice(built.data.byteOffset, built.data.byteOffset + built.data.byteLength) as ArrayBuffer;
    (self as unknown as Worker).postMessage({ ok: true, data, manifest: built.manifest }, [data]);
  } catch (err) {
    const code = err instanceof DirectoryImportError ? err.code : "unexpected";
    // The message's key and parameters too: a worker has no access to Thunderbird's i18n API, the page says it in the user's language.
    const text = err instanceof DirectoryImportError ? err.text : undefined;
    (self as unknown as Worker).postMessage({ ok: false, code, text, message: err instanceof Error ? err.message : String(err) });
  }
};
