// The header blocks the trust benchmark (bench/trust.ts) and the verdict corpus test
// (test/unit/trust-corpus.test.ts) run on: deterministic, realistic in shape and size. An MSSanté
// inbox receives mostly MSSanté mail (several Received hops between operators, multipart bodies,
// sometimes a Reply-To or a Sender), some ordinary mail (DKIM-signed newsletters with long List-*
// fields, webmail) and some attacks (names holding addresses, look-alike domains, encoded-word
// tricks, hidden characters, two From fields, authority claims). Nothing here is shaped for a fast
// path: encoded names, accents and non-ASCII appear where real mail has them.
//
// The corpus test stores a digest of each verdict: changing what this file generates changes the
// blocks, so the stored digests must then be written again from a build known to be right
// (scripts/trust-verdict-corpus.ts --write, run on that build).

import type { AccountKind } from "../../src/core/trust/verdict.ts";

export interface CorpusItem {
  /** The raw header block (and an empty body), as bytes. */
  bytes: Uint8Array;
  account: AccountKind;
  /** Domain of the user's own MSSanté address. */
  accountDomain: string;
  /** What the generator meant it to be (for reading failures, not for the verdict). */
  kind: string;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ["lyon", "paris", "brest", "nantes", "lille", "rennes", "nice", "metz", "dijon", "tours", "besancon", "pointe-a-pitre"];
const OPERATOR_NAMES = ["MIPIH", "ENOVACOM", "SIB", "GCS E-SANTE BRETAGNE", "LIFEN", "CEGEDIM", "SESAN", "MAINCARE", "ORDRES DE SANTE"];

/** A white list of realistic size: 5,000 domains, ~390 operator DNs, descriptions as the list writes them. */
export function corpusWhitelistXml(seed = 20261123): { xml: string; operators: string[]; domains: string[] } {
  const rnd = random(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
  const operators = Array.from({ length: 390 }, (_, i) => `CN=mss${i}.operateur${i}.fr,OU=${100000000000000 + i},O=OPERATEUR ${i},ST=Paris (75),C=FR`);
  const domains = ["medecin.mssante.fr", "patient.mssante.fr", "pharmacien.mssante.fr", "infirmier.mssante.fr"];
  for (let i = domains.length; i < 5000; i++) domains.push(`${pick(["ch", "chu", "clinique", "ght", "cabinet", "ehpad", "laboratoire", "pharmacie"])}-${pick(CITIES)}-${i}.mssante.fr`);
  const description = (i: number) =>
    i === 0
      ? "Mailiz - Ordres des professions de santé"
      : i % 3 === 0
        ? `Domaine de messagerie MSSanté de ${OPERATOR_NAMES[i % OPERATOR_NAMES.length]}`
        : `Structure ${i} — ${pick(CITIES)}`;
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?><ListeBlancheMSSante xmlns="https://listeblanche.mssante.fr/schema"><DateDeGeneration>2026-11-20T06:00:00Z</DateDeGeneration><ListeDomaines>` +
    domains
      .map((d, i) => `<Domaine><Nom>${d}</Nom><Description>${description(i)}</Description><DNCertificatOperateur>${operators[i % operators.length]}</DNCertificatOperateur><DateMAJ>2026-11-20T06:00:00Z</DateMAJ></Domaine>`)
      .join("") +
    `</ListeDomaines></ListeBlancheMSSante>`;
  return { xml, operators, domains };
}

const FIRST = ["Marie", "Jean", "Hélène", "François", "Zoé", "Léa", "Anne-Sophie", "Éric", "Thomas", "Camille", "Nicolas", "Inès", "Jérôme", "Chloé", "Karim", "Ségolène"];
const LAST = ["Martin", "Dupont", "Le Gall", "Lefèvre", "Bernard", "Morel", "N'Diaye", "Garçon", "Nguyen", "Rousseau", "Bélanger", "Da Silva", "Lemaître", "Fontaine"];
const TITLES = ["Dr", "Dr", "Pr", "", "", "Mme", "M."];
const SERVICES = ["Secrétariat cardiologie", "Service des urgences", "Laboratoire de biologie", "Imagerie médicale", "Pharmacie centrale", "Bureau des entrées"];
const SUBJECTS = ["Compte rendu de consultation", "Résultats d'analyses", "Lettre de liaison", "Ordonnance", "Demande d'avis", "Compte rendu opératoire", "Courrier de sortie", "Convocation"];
const ORDINARY = ["gmail.com", "orange.fr", "wanadoo.fr", "laposte.net", "free.fr", "outlook.fr", "yahoo.fr", "ameli.fr", "doctolib.fr", "newsletter.example"];

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
const encB = (s: string) => `=?UTF-8?B?${b64(s)}?=`;
const encQ = (s: string) =>
  `=?UTF-8?Q?${[...new TextEncoder().encode(s)].map((b) => (b === 0x20 ? "_" : b > 0x7e || b < 0x20 || "=?_\"".includes(String.fromCharCode(b)) ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b))).join("")}?=`;
const hex = (rnd: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");
const alnum = (rnd: () => number, n: number) => Array.from({ length: n }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[Math.floor(rnd() * 64)]).join("");
/** Folds a long value the way mailers do: CRLF + tab every ~76 characters. */
const fold = (s: string) => s.replace(/(.{72})(?=.)/g, "$1\r\n\t");

/** `count` header blocks, deterministic for a given seed. */
export function corpusBlocks(count: number, whitelist: { operators: string[]; domains: string[] }, seed = 15): CorpusItem[] {
  const rnd = random(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
  const { operators, domains } = whitelist;
  const cnOf = (i: number) => /^CN=([^,]+)/.exec(operators[i % operators.length]!)![1]!;
  const items: CorpusItem[] = [];
  for (let i = 0; i < count; i++) {
    const accountIndex = rnd() < 0.7 ? 0 : Math.floor(rnd() * domains.length);
    const accountDomain = domains[accountIndex]!;
    const ourCn = cnOf(accountIndex);
    const account: AccountKind = rnd() < 0.85 ? "mssante" : "other";
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const name = `${firstName} ${lastName}`;
    const local = `${firstName}.${lastName}`.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[^a-z.-]/g, "");
    const title = pick(TITLES);
    const shown = title ? `${title} ${name}` : name;
    const senderIndex = Math.floor(rnd() * domains.length);
    const senderDomain = domains[senderIndex]!;
    const theirCn = rnd() < 0.9 ? cnOf(senderIndex) : `relais${i % 7}.hebergeur.example`;
    const date = `${pick(["Mon", "Tue", "Wed", "Thu", "Fri"])}, ${1 + (i % 28)} Nov 2026 ${String(7 + (i % 12)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:0${i % 10} +0100`;
    const subject = `${pick(SUBJECTS)} — ${pick(FIRST)} ${pick(LAST)}`;
    const id = `${hex(rnd, 8)}.${i}`;
    const boundary = `----=_Part_${i}_${hex(rnd, 10)}.${Date.UTC(2026, 10, 1 + (i % 28))}`;
    const to = `${pick(["jean.dupont", "secretariat", "dr.martin", "accueil"])}@${accountDomain}`;
    const r = rnd();
    let kind: string;
    let from: string;
    const extra: string[] = [];
    let received: string[];
    const mssReceived = () => [
      `Received: from ${ourCn} (localhost [127.0.0.1])\r\n\tby ${ourCn} (Postfix) with ESMTP id ${hex(rnd, 10).toUpperCase()}\r\n\tfor <${to}>; ${date}`,
      `Received: from ${theirCn} (${theirCn} [192.0.2.${i % 250}])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\t(Client CN "${theirCn}", Issuer "AC IGC-SANTE STANDARD SERVEURS APPLICATIFS" (verified OK))\r\n\tby ${ourCn} (Postfix) with ESMTPS id ${hex(rnd, 10).toUpperCase()}\r\n\tfor <${to}>; ${date}`,
      `Received: from [10.${i % 250}.${(i >> 3) % 250}.${(i >> 5) % 250}] (poste-${i % 900}.interne.example [10.1.2.3])\r\n\tby ${theirCn} with ESMTPSA id ${hex(rnd, 12)}; ${date}`,
    ];
    const ordinaryReceived = (domain: string) => [
      `Received: from ${ourCn} (localhost [127.0.0.1])\r\n\tby ${ourCn} (Postfix) with ESMTP id ${hex(rnd, 10).toUpperCase()}; ${date}`,
      `Received: from mail-${i % 50}.${domain} (mail-${i % 50}.${domain} [198.51.100.${i % 250}])\r\n\tby ${ourCn} (Postfix) with ESMTPS id ${hex(rnd, 10).toUpperCase()}\r\n\tfor <${to}>; ${date}`,
      `Received: by mail-${i % 50}.${domain} with SMTP id ${alnum(rnd, 14)}; ${date}`,
    ];
    if (r < 0.62) {
      // MSSanté mail between professionals, written as their mailers write names.
      kind = "mssante";
      const style = rnd();
      if (style < 0.45) from = `"${shown}" <${local}@${senderDomain}>`;
      else if (style < 0.7) from = `${encQ(shown)} <${local}@${senderDomain}>`;
      else if (style < 0.8) from = `${/^[\x20-\x7e]*$/.test(shown) ? shown : encB(shown)} <${local}@${senderDomain}>`;
      else if (style < 0.9) from = `${local}@${senderDomain}`;
      else from = `"${pick(SERVICES)} - ${pick(CITIES).toUpperCase()}" <secretariat.${i % 40}@${senderDomain}>`;
      received = mssReceived();
      if (rnd() < 0.15) extra.push(`Reply-To: ${rnd() < 0.8 ? `secretariat@${senderDomain}` : `${local}@${pick(ORDINARY)}`}`);
      if (rnd() < 0.05) extra.push(`Sender: ${rnd() < 0.7 ? `robot@${senderDomain}` : `bounce@${pick(ORDINARY)}`}`);
      if (rnd() < 0.3) extra.push(`X-MSS-CODECDA: ${pick(["11488-4", "34133-9", "18842-5", "11490-0"])}`);
    } else if (r < 0.63) {
      kind = "patient";
      from = `${encQ(name)} <${local}@patient.mssante.fr>`;
      received = mssReceived();
    } else if (r < 0.83) {
      // Ordinary mail: webmail, newsletters, appointment services.
      kind = "ordinary";
      const domain = pick(ORDINARY);
      const style = rnd();
      if (style < 0.4) from = `${encB(name)} <${local}@${domain}>`;
      else if (style < 0.7) from = `"${pick(["Doctolib", "Newsletter Santé", "L'équipe Ameli", "Service client"])}" <no-reply@${domain}>`;
      else from = `${name} <${local}${i % 100}@${domain}>`;
      received = ordinaryReceived(domain);
      extra.push(
        `DKIM-Signature: ${fold(`v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=s${i % 4}; t=1795000000; h=from:to:subject:date:message-id:mime-version:content-type; bh=${alnum(rnd, 44)}; b=${alnum(rnd, 344)}`)}`,
      );
      if (style >= 0.4 && style < 0.7) {
        extra.push(`List-Unsubscribe: <https://${domain}/unsubscribe?u=${alnum(rnd, 60)}>, <mailto:unsubscribe-${hex(rnd, 16)}@${domain}>`);
        extra.push(`List-Unsubscribe-Post: List-Unsubscribe=One-Click`);
        extra.push(`Feedback-ID: ${hex(rnd, 8)}:${hex(rnd, 6)}:newsletter`);
        extra.push(`X-Campaign: ${alnum(rnd, 24)}`);
      }
      if (rnd() < 0.2) extra.push(`Reply-To: ${encB(name)} <contact@${domain}>`);
    } else {
      // Attacks seen in the literature and in this project's hostile tests.
      kind = "hostile";
      const evil = `${pick(["secu-messagerie", "mss-support", "mail-update", "evil"])}-${i % 13}.example`;
      const listed = pick(domains);
      received = ordinaryReceived(evil);
      const h = Math.floor(rnd() * 16);
      switch (h) {
        case 0: from = `"${local}@${listed}" <${local}@${evil}>`; break;
        case 1: from = `${encB(`${local}@${listed}`)} <x@${evil}>`; break;
        case 2: from = `${name} <${local}@${listed.replace("mssante", "rnssante")}>`; break;
        case 3: from = `"Assistance MSSanté" <support@${evil}>`; break;
        case 4: from = `${encQ("Ordre National des Médecins")} <cnom@${evil}>`; break;
        case 5: from = `Dr ${name} <${local}@${listed.replace(".mssante.fr", "\u200B.mssante.fr")}>`; break;
        case 6: from = `Dr ${name} <${local}@${listed.replace("e", "\u0435")}>`; break;
        case 7: from = `"Dr ${name}" <${local}@${listed}>`; extra.push(`From: <${local}@${evil}>`); break;
        case 8: from = `"Dr ${name}" <${local}@${listed}>`; extra.push(`Sender: <relay@${evil}>`); break;
        case 9: from = `${local}@${listed} (${local}@${evil})`; break;
        case 10: from = `"\u202E${[...`rf.etnassm@${local}`].reverse().join("")}" <${local}@${evil}>`; break;
        case 11: from = `${local}@${evil}, ${local}@${listed}`; break;
        case 12: from = `Dr ${name} <${local}@${listed.replace(/\./g, "\uFF0E")}>`; break;
        case 13: from = `=?utf-8?q?${local}=40${listed}?= <${local}@${evil}>`; break;
        case 14: from = `Groupe: "Dr ${name}" <${local}@${listed}>;`; break;
        default: from = `"Dr ${name}" <${local}@${listed.replace("mssante", "msante")}>`; break;
      }
      if (rnd() < 0.3) extra.push(`Reply-To: ${local}@${evil}`);
    }
    const lines = [
      `Return-Path: <${/<([^>]*)>/.exec(from)?.[1] ?? local + "@" + senderDomain}>`,
      `Delivered-To: ${to}`,
      ...received,
      `From: ${from}`,
      `To: ${rnd() < 0.8 ? to : `${encQ(`${pick(FIRST)} ${pick(LAST)}`)} <${to}>, secretariat@${accountDomain}`}`,
      ...(rnd() < 0.2 ? [`Cc: "${pick(FIRST)} ${pick(LAST)}" <${pick(["a", "b", "c"])}.${pick(LAST).toLowerCase().replace(/[^a-z]/g, "")}@${pick(domains)}>`] : []),
      `Subject: ${rnd() < 0.7 ? fold(encQ(subject)) : encB(subject)}`,
      `Date: ${date}`,
      `Message-ID: <${id}@${kind === "mssante" ? senderDomain : "mail.example"}>`,
      ...extra,
      `MIME-Version: 1.0`,
      rnd() < 0.7 ? `Content-Type: multipart/mixed;\r\n\tboundary="${boundary}"` : `Content-Type: text/plain; charset=utf-8; format=flowed`,
      ...(rnd() < 0.5 ? [`User-Agent: Mozilla Thunderbird`] : [`X-Mailer: ${pick(["Microsoft Outlook 16.0", "Zimbra 9.0.0_GA", "MSSante-Webmail 4.2", "Apple Mail (2.3731)"])}`]),
      "",
      "",
    ];
    items.push({ bytes: new TextEncoder().encode(lines.join("\r\n")), account, accountDomain, kind });
  }
  return items;
}
