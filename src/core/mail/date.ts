// RFC 5322 dates of mail headers (the S/MIME check compares the signing time with the Date header).
/** `value` with its comments "(…)" (up to the first ")") made spaces. Linear: both searches only move forward. */
function withoutComments(value: string): string {
  let out = "";
  let i = 0;
  for (;;) {
    const open = value.indexOf("(", i);
    if (open < 0) break;
    const close = value.indexOf(")", open + 1);
    // No ")" after this "(": none after any later "(" either, nothing more to remove.
    if (close < 0) break;
    out += `${value.slice(i, open)} `;
    i = close + 1;
  }
  return out + value.slice(i);
}

/**
 * RFC 5322 date-time (obsolete zone names included); null when unreadable. Linear in the header's
 * length (it may be up to the 1 MiB header limit): comments are removed by forward scans, and the
 * pattern below is anchored with bounded repetitions only (one attempt, no nested quantifiers).
 */
export function parseMailDate(value: string): Date | null {
  const v = withoutComments(value).trim();
  const m = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(v);
  if (!m) return null;
  const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  const mon = months.indexOf(m[2]!.toLowerCase());
  if (mon < 0) return null;
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (m[3]!.length === 3) year += 1900;
  const zone = m[7] ?? "+0000";
  const named: Record<string, number> = { UT: 0, GMT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7 };
  let offsetMin: number;
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone[0] === "-" ? -1 : 1;
    offsetMin = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else offsetMin = (named[zone.toUpperCase()] ?? 0) * 60;
  const t = Date.UTC(year, mon, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - offsetMin * 60_000;
  return Number.isFinite(t) ? new Date(t) : null;
}
