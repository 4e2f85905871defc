// The ANS GitHub copy of the white list carries a `checksum` file. It is written by a GitHub
// action (hash-files) that hashes the SHA-256 of the file once more; a plain SHA-256 is accepted
// too. It guards against a truncated or corrupted download, not against the host itself.

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

export async function matchesChecksum(content: Uint8Array, checksumFile: string): Promise<boolean> {
  const expected = checksumFile.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (!/^[0-9a-f]{64}$/.test(expected)) return false;
  const once = await sha256(content);
  if (hex(once) === expected) return true;
  return hex(await sha256(once)) === expected;
}
