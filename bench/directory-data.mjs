// Realistic synthetic extraction for bench/directory.mjs (the real file is personal data):
//   - surnames: a Zipf–Mandelbrot law p(rank) ∝ (rank + 10)^-0.8 over 250,000 ranks: the 250
//     common French surnames first (the first ≈ 0.3 % of rows, the first 100 ≈ 9 %, near what
//     INSEE counts for MARTIN and the top 100 in the population), then a long tail of distinct
//     names made from syllables, most held by one or a handful of people;
//     5 % double-barrelled (« MARTIN-DUPONT »);
//   - first names: the same law, p ∝ 1/(rank + 3), per sex, over the 60 + 60 usual ones;
//   - addresses unique as in the real file, where 169 addresses repeat in 535,357 rows: the same
//     rate of rows re-using an address (another practice location of the same person);
//   - establishments (CHU, CH, clinics, EHPAD, health centres) in their cities, each with its own
//     services (8 to 30 of a list of 60), the organisational mailboxes being those services, and
//     part of the hospital staff attached to one of them;
//   - cities by weight, Paris, Lyon and Marseille by arrondissement (75016 and 75116 for Paris 16),
//     a long tail of small towns, some in a département whose number is an arrondissement's
//     (Charente 16, Rhône 69…);
//   - planted rows behind the fixed homonym queries of PLANTED (each with its expected answer and
//     the ranking rule of src/core/directory/search.ts that justifies it).
// Deterministic for a given row count and seed.
import { closeSync, openSync, writeSync } from "node:fs";
import {
  BIG_CITIES, COMMON_SURNAMES, FIRST_F, FIRST_M, HEADER, PROFESSIONS, STREET_NAMES, STREET_TYPES, SYL_A, SYL_B, SYL_C, TOWN_A, TOWN_B, TOWN_C,
  rng, slug, upperAscii,
} from "../scripts/gen-directory.mjs";

/** Rows re-using an address already in the file: 169 / 535,357 in the real extraction. */
export const REPEAT_RATE = 169 / 535357;
const SURNAME_RANKS = 250000;
const SURNAME_Q = 10;
const SURNAME_EXP = 0.8;
const FIRST_Q = 3;

/**
 * Zipf–Mandelbrot rank in [0, n): p(r) ∝ (r + 1 + q)^-s, sampled by inverting the continuous CDF
 * (s = 1 is the logarithmic case).
 */
function zm(u, n, q, exp = 1) {
  let x;
  if (exp === 1) x = (1 + q) * Math.pow((n + 1 + q) / (1 + q), u) - q;
  else {
    const e = 1 - exp;
    const a = Math.pow(1 + q, e);
    const b = Math.pow(n + 1 + q, e);
    x = Math.pow(a + u * (b - a), 1 / e) - q;
  }
  return Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
}

const TAIL_D = ["", "e", "i", "as", "ec", "oy", "ant", "ich", "and", "eix", "ot", "ez", "ou", "ain", "ard", "uy"];
/** The surname of a rank: the common ones, then distinct syllable names (one per rank). */
function surnameOf(rank) {
  if (rank < COMMON_SURNAMES.length) return COMMON_SURNAMES[rank];
  let i = rank - COMMON_SURNAMES.length;
  const a = SYL_A[i % SYL_A.length];
  i = Math.floor(i / SYL_A.length);
  const b = SYL_B[i % SYL_B.length];
  i = Math.floor(i / SYL_B.length);
  const c = SYL_C[i % SYL_C.length] || "";
  i = Math.floor(i / SYL_C.length);
  const d = TAIL_D[i % TAIL_D.length];
  i = Math.floor(i / TAIL_D.length);
  // Past 40 × 30 × 15 × 16 names, a second word keeps them distinct ("Berin Ker").
  return `${a}${b}${c}${d}${i > 0 ? ` ${SYL_A[i % SYL_A.length]}${SYL_B[(i * 7) % SYL_B.length]}` : ""}`;
}

const SERVICE_LIST = [
  "Service de cardiologie", "Service des urgences", "Secrétariat médical", "Service de pédiatrie", "Bloc opératoire", "Laboratoire de biologie médicale",
  "Service de radiologie", "Maternité", "Pharmacie à usage intérieur", "Service de psychiatrie adulte", "Consultations externes", "Département d'information médicale",
  "Service de gériatrie", "Service d'oncologie", "Accueil", "Service de neurologie", "Service de pneumologie", "Service de néphrologie", "Unité de dialyse",
  "Service de chirurgie orthopédique", "Service de chirurgie viscérale", "Service d'urologie", "Service de gynécologie-obstétrique", "Néonatologie", "Réanimation médicale",
  "Soins intensifs de cardiologie", "Service de médecine interne", "Service de maladies infectieuses", "Service d'hématologie", "Service de rhumatologie",
  "Service de dermatologie", "Service d'ophtalmologie", "Service ORL", "Service d'endocrinologie", "Service d'hépato-gastro-entérologie", "Unité de soins palliatifs",
  "Soins de suite et de réadaptation", "Médecine physique et réadaptation", "Centre de la douleur", "Consultation mémoire", "Pédopsychiatrie", "Addictologie",
  "Centre médico-psychologique", "Hôpital de jour", "Imagerie médicale", "Médecine nucléaire", "Radiothérapie", "Anatomopathologie", "Service social",
  "Bureau des admissions", "Direction des soins", "Équipe mobile de gériatrie", "Permanence d'accès aux soins de santé", "Centre de périnatalité", "Unité sanitaire",
  "Service de santé au travail", "Médecine du sport", "Explorations fonctionnelles", "Court séjour gériatrique", "Unité d'hospitalisation de courte durée",
];
const ESTABLISHMENT_KINDS = [
  [3, (c) => ({ name: `CENTRE HOSPITALIER UNIVERSITAIRE DE ${c}`, short: `CHU ${c}`, prefix: "chu" })],
  [6, (c) => ({ name: `CENTRE HOSPITALIER DE ${c}`, short: `CH ${c}`, prefix: "ch" })],
  [5, (c, r) => ({ name: `CLINIQUE ${r.pick(["SAINT JOSEPH", "DU PARC", "DES CEDRES", "SAINTE ANNE", "PASTEUR", "DU VAL D OUEST", "SAINT FRANCOIS", "DE L ESPERANCE", "DU PONT DE CHAUME"])}`, short: "", prefix: "clinique" })],
  [4, (c, r) => ({ name: `EHPAD ${r.pick(["LES TILLEULS", "LES GLYCINES", "LA ROSERAIE", "LE CLOS FLEURI", "LES JARDINS"])}`, short: "", prefix: "ehpad" })],
  [3, (c) => ({ name: `CENTRE DE SANTE DE ${c}`, short: "", prefix: "cds" })],
];

/**
 * The fixed homonym queries. Each names its rule (search.ts header) and the expected first answer:
 * the planted row's address, or a predicate on the first result's postcode. `prefer`: the usual
 * correspondents (addresses, score) the query is run with (rule 4).
 */
export const PLANTED = [
  { query: "saint martin jer", expect: { surname: "saintmartin" }, rule: "1: the surname SAINT-MARTIN covers two query words, the MARTINs of Saint-* cities only one" },
  { query: "st martin jerome", expect: { surname: "saintmartin", first: "jerome" }, rule: "1: « st » spelled out as « saint » in the compound surname" },
  { query: "le gall anne", expect: { surname: "legall", first: "anne" }, rule: "1: LE GALL (two words) before the Anne GALLs of Le Mans; 5: Anne LE GALL before the LE GALLs of « Clinique Sainte-Anne »" },
  { query: "n diaye awa", expect: { surname: "ndiaye", first: "awa" }, rule: "1: N'DIAYE before Awa DIAYE (the « n » of Nantes, Nancy…)" },
  { query: "de la fontaine benoit", expect: { surname: "delafontaine", first: "benoit" }, rule: "1: DE LA FONTAINE (three words) before the FONTAINEs of « Clinique de la Paix »" },
  { query: "martin s", expect: { surname: "martin" }, rule: "1: a last word under three letters is no part of a compound: an exact MARTIN, not a MARTINS" },
  { query: "kerbrat-lozach yv", expect: { surname: "kerbratlozach", first: "yvonne" }, rule: "1: the compound surname exactly, before a KERBRAT of Lozach" },
  { query: "muller fr kine", expect: { surname: "muller", firstPrefix: "fr" }, rule: "2: « fr » is a first name (Frédéric, François…), not the « .fr » every address has" },
  { query: "paris 16 pediatre", expect: { postcodes: ["75016", "75116"] }, rule: "3: Paris 16e before the Drs PARIS of Charente (16xxx)" },
  { query: "lyon 3 cardio", expect: { postcodes: ["69003"] }, rule: "3: Lyon 3e before the LYONs of département 03" },
  { query: "marseille 1er dentiste", expect: { postcodes: ["13001"] }, rule: "3: « 1er » is Marseille 1er (13001)" },
  { query: "dupont marie", prefer: [["marie.dupont@planted-correspondante.mssante.fr", 4]], expect: { email: "marie.dupont@planted-correspondante.mssante.fr" }, rule: "4: the user's usual correspondent before her exact homonyms" },
  { query: "dupont marie nantes", prefer: [["marie.dupont@planted-correspondante.mssante.fr", 4]], expect: { email: "marie.dupont@planted-correspondante.mssante.fr" }, rule: "4: same, with the city" },
  { query: "dupon marie", prefer: [["marie.dupontel@planted.mssante.fr", 4]], expect: { email: "marie.dupontel@planted.mssante.fr" }, rule: "4: among the prefix matches of « dupon », the correspondent first" },
  { query: "dupont marie", prefer: [["marie.dupontel@planted.mssante.fr", 4]], expect: { surname: "dupont" }, rule: "4: a correspondent reached only by a prefix (DUPONTEL) does not pass the exact DUPONTs" },
  { query: "saint martin jer", prefer: [["jerome.martin@planted.mssante.fr", 4]], expect: { surname: "saintmartin" }, rule: "4: nor does a correspondent of a lower compound tier (MARTIN of Saint-Denis)" },
];

const fold = (v) => v.normalize("NFD").replace(/[^a-zA-Z0-9]/g, "").toLowerCase();
/** Whether a first result meets a planted query's expectation (names compared folded, without spaces or hyphens). */
export function meets(expect, { email, lastName, firstName, postalCode }) {
  if (expect.email && email.toLowerCase() !== expect.email) return false;
  if (expect.surname && fold(lastName) !== expect.surname) return false;
  if (expect.first && fold(firstName) !== expect.first) return false;
  if (expect.firstPrefix && !fold(firstName).startsWith(expect.firstPrefix)) return false;
  if (expect.postcodes && !expect.postcodes.includes(postalCode)) return false;
  return true;
}

/** The planted rows, in a fixed shape (see PLANTED). */
function plantedRows(make) {
  const rows = [
    make({ last: "SAINT-MARTIN", first: "Jérôme", email: "jerome.saint-martin@planted.mssante.fr", code: "69003", l6: "LYON" }),
    make({ last: "MARTIN", first: "Jérôme", email: "jerome.martin@planted.mssante.fr", code: "93200", l6: "SAINT DENIS" }),
    make({ last: "LE GALL", first: "Anne", email: "anne.le-gall@planted.mssante.fr", code: "29200", l6: "BREST" }),
    make({ last: "N'DIAYE", first: "Awa", email: "awa.ndiaye@planted.mssante.fr", code: "75019", l6: "PARIS" }),
    make({ last: "de La Fontaine", first: "Benoît", email: "benoit.delafontaine@planted.mssante.fr", code: "75005", l6: "PARIS" }),
    make({ last: "MARTIN", first: "Sophie", email: "sophie.martin@planted.mssante.fr", code: "29200", l6: "BREST" }),
    make({ last: "KERBRAT-LOZACH", first: "Yvonne", email: "yvonne.kerbrat-lozach@planted.mssante.fr", code: "29000", l6: "QUIMPER" }),
    make({ last: "MÜLLER", first: "Frédéric", email: "frederic.muller@planted.mssante.fr", code: "67000", l6: "STRASBOURG", prof: "70" }),
    make({ last: "DUPONT", first: "Marie", email: "marie.dupont@planted-correspondante.mssante.fr", code: "44000", l6: "NANTES", prof: "50" }),
    make({ last: "DUPONTEL", first: "Marie", email: "marie.dupontel@planted.mssante.fr", code: "69003", l6: "LYON" }),
    make({ last: "ROUSSEAU", first: "Hélène", email: "helene.rousseau@planted.mssante.fr", code: "75016", l6: "PARIS", spec: ["SM40", "Pédiatrie"] }),
    make({ last: "GIRARD", first: "Luc", email: "luc.girard@planted.mssante.fr", code: "69003", l6: "LYON", spec: ["SM04", "Cardiologie et maladies vasculaires"] }),
    make({ last: "BLANC", first: "Inès", email: "ines.blanc@planted.mssante.fr", code: "13001", l6: "MARSEILLE", prof: "40" }),
  ];
  // The crowds that make the rules necessary.
  for (let i = 0; i < 40; i++) {
    rows.push(make({ last: "MARTIN", first: "Jérôme", email: `jerome.martin.sd${i}@planted.mssante.fr`, code: i % 2 ? "42000" : "93200", l6: i % 2 ? "SAINT ETIENNE" : "SAINT DENIS" }));
    rows.push(make({ last: "GALL", first: "Anne", email: `anne.gall${i}@planted.mssante.fr`, code: "72000", l6: "LE MANS" }));
    rows.push(make({ last: "DIAYE", first: "Awa", email: `awa.diaye${i}@planted.mssante.fr`, code: "44000", l6: "NANTES" }));
    rows.push(make({ last: "FONTAINE", first: "Benoît", email: `benoit.fontaine${i}@planted.mssante.fr`, code: "69008", l6: "LYON", org: "CLINIQUE DE LA PAIX" }));
    rows.push(make({ last: "MARTINS", first: "Sophie", email: `sophie.martins${i}@planted.mssante.fr`, code: "75011", l6: "PARIS" }));
    rows.push(make({ last: "KERBRAT", first: "Yvonne", email: `yvonne.kerbrat${i}@planted.mssante.fr`, code: "29000", l6: "LOZACH" }));
    rows.push(make({ last: "MÜLLER", first: "Anne", email: `anne.muller${i}@planted.mssante.fr`, code: "67000", l6: "STRASBOURG", prof: "70" }));
    rows.push(make({ last: "PARIS", first: "Claire", email: `claire.paris${i}@planted.mssante.fr`, code: "16000", l6: "ANGOULEME", spec: ["SM40", "Pédiatrie"] }));
    rows.push(make({ last: "LYON", first: "Paul", email: `paul.lyon${i}@planted.mssante.fr`, code: "03100", l6: "MONTLUCON", spec: ["SM04", "Cardiologie et maladies vasculaires"] }));
    rows.push(make({ last: "DUPONT", first: "Marie", email: `marie.dupont.h${i}@planted.mssante.fr`, code: i % 2 ? "44000" : "69003", l6: i % 2 ? "NANTES" : "LYON" }));
  }
  return rows;
}

export function* realisticRows(count, seed = 1) {
  const r = rng(seed * 104729 + 3);
  // Cities: the big ones by weight (Paris, Lyon, Marseille by arrondissement), then small towns.
  const cities = BIG_CITIES.map(([codes, name, l6, w]) => ({ codes, name, l6, w }));
  for (let i = 0; i < 3000; i++) {
    const name = `${r.pick(TOWN_A)}${r.pick(TOWN_B)}${r.pick(TOWN_C)}`.replace(/ -/g, "-");
    const dep = String(1 + r.int(95)).padStart(2, "0");
    cities.push({ codes: [`${dep}${String(r.int(99) * 10).padStart(3, "0")}`], name, l6: upperAscii(name), w: 0.15 });
  }
  const total = cities.reduce((t, c) => t + c.w, 0);
  const cum = [];
  let acc = 0;
  for (const c of cities) cum.push((acc += c.w / total));
  const city = () => {
    const u = r.next();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return cities[lo];
  };
  // Establishments: about one per 180 rows, in the cities drawn by weight, each with its services.
  const establishments = [];
  const domains = new Set();
  const nEst = Math.max(20, Math.round(count / 180));
  const kindTotal = ESTABLISHMENT_KINDS.reduce((t, k) => t + k[0], 0);
  for (let i = 0; i < nEst; i++) {
    const c = city();
    let u = r.next() * kindTotal;
    const kind = ESTABLISHMENT_KINDS.find((k) => (u -= k[0]) < 0) ?? ESTABLISHMENT_KINDS[0];
    const e = kind[1](c.name.toUpperCase(), r);
    let domain = `${e.prefix}-${slug(c.name)}.mssante.fr`;
    for (let k = 2; domains.has(domain); k++) domain = `${e.prefix}-${slug(c.name)}-${k}.mssante.fr`;
    domains.add(domain);
    const services = [];
    const want = 8 + r.int(23);
    while (services.length < want) {
      const s = SERVICE_LIST[r.int(SERVICE_LIST.length)];
      if (!services.includes(s)) services.push(s);
    }
    establishments.push({ ...e, domain, city: c, services, id: `1${String(100000000 + i).padStart(9, "0")}` });
  }
  const profTotal = PROFESSIONS.reduce((t, p) => t + p[0], 0);
  const profession = () => {
    let u = r.next() * profTotal;
    return (PROFESSIONS.find((p) => (u -= p[0]) < 0) ?? PROFESSIONS[0])[1];
  };
  const byCode = Object.fromEntries(PROFESSIONS.map(([, p]) => [p.code, p]));
  const weighted = (pairs) => {
    const t = pairs.reduce((s, p) => s + p[0], 0);
    let u = r.next() * t;
    return (pairs.find((p) => (u -= p[0]) < 0) ?? pairs[0])[1];
  };
  const used = new Set();
  const unique = (local, domain) => {
    let l = local;
    for (let k = 2; used.has(`${l}@${domain}`); k++) l = `${local}${k}`;
    used.add(`${l}@${domain}`);
    return `${l}@${domain}`;
  };

  const base = (type, code, l6) => {
    const row = new Array(31).fill("");
    row[0] = type;
    row[11] = "C";
    row[12] = "Civil";
    row[17] = r.next() < 0.7 ? "True" : "False";
    row[22] = String(1 + r.int(180));
    row[24] = r.pick(STREET_TYPES)[0];
    row[25] = r.pick(STREET_NAMES);
    row[27] = `${code} ${l6}`;
    row[28] = code;
    row[29] = code.slice(0, 2);
    row[30] = "FRANCE";
    return row;
  };
  const person = (row, last, first, prof, spec) => {
    row[13] = prof.code;
    row[14] = prof.label;
    if (spec) [row[15], row[16]] = spec;
    else if (prof.specialties) [row[15], row[16]] = weighted(prof.specialties);
    row[8] = prof.civility && r.next() < 0.8 ? (r.next() < 0.03 ? "PR" : prof.civility) : "";
    row[9] = last;
    row[10] = first;
    const rpps = `10${String(r.int(1e9)).padStart(9, "0")}`;
    row[2] = "8";
    row[3] = rpps;
    row[4] = `8${rpps}`;
  };

  const planted = plantedRows(({ last, first, email, code, l6, prof = "10", spec, org = "" }) => {
    const row = base("PER", code, l6);
    person(row, last, first, byCode[prof], spec);
    row[18] = org;
    row[1] = email;
    used.add(email);
    return row;
  });
  // Spread through the file, as real rows are.
  const plantAt = new Map(planted.map((row, i) => [Math.floor(((i + 0.5) * count) / planted.length), row]));
  const recent = [];

  for (let i = 0; i < count; i++) {
    const p = plantAt.get(i);
    if (p) {
      yield p;
      continue;
    }
    if (recent.length > 100 && r.next() < REPEAT_RATE) {
      // The same person's address at another practice location.
      const row = r.pick(recent).slice();
      const c = city();
      const code = r.pick(c.codes);
      row[18] = `CABINET SECONDAIRE ${c.name.toUpperCase()}`;
      row[27] = `${code} ${c.l6}`;
      row[28] = code;
      row[29] = code.slice(0, 2);
      yield row;
      continue;
    }
    const type = weighted([[84, "PER"], [15, "ORG"], [0.6, "CAB"], [0.1, "APP"]]);
    const inHospital = type === "ORG" || type === "APP" || (type === "PER" && r.next() < 0.35);
    const est = inHospital ? establishments[r.int(establishments.length)] : null;
    const c = est ? est.city : city();
    const code = r.pick(c.codes);
    const row = base(type, code, c.l6);
    if (est) {
      row[5] = "1";
      row[6] = est.id;
      row[18] = est.name;
      row[19] = est.short && r.next() < 0.3 ? est.short : "";
    } else {
      row[5] = "3";
      row[6] = `3${String(i).padStart(13, "0")}`;
    }
    let email;
    if (type === "PER" || type === "CAB") {
      const female = r.next() < 0.62;
      const firsts = female ? FIRST_F : FIRST_M;
      const first = firsts[zm(r.next(), firsts.length, FIRST_Q)];
      let last = surnameOf(zm(r.next(), SURNAME_RANKS, SURNAME_Q, SURNAME_EXP));
      if (r.next() < 0.05) last = `${last}-${surnameOf(zm(r.next(), SURNAME_RANKS, SURNAME_Q, SURNAME_EXP))}`;
      last = r.next() < 0.7 ? last.toUpperCase() : last;
      const prof = profession();
      person(row, last, first, prof);
      if (est && r.next() < 0.5) row[7] = r.pick(est.services);
      if (type === "CAB") row[18] = `CABINET MEDICAL ${upperAscii(last)}`;
      const domain = est ? est.domain : r.next() < 0.8 ? prof.domain : r.pick(["medecin.mssante.fr", "ars-ara.mssante.fr", "sante-ra.mssante.fr", "esante-bretagne.mssante.fr"]);
      email = unique(`${slug(first)}.${slug(last)}`, domain);
    } else {
      const hosp = est ?? establishments[r.int(establishments.length)];
      const service = r.pick(hosp.services);
      row[7] = service;
      const local = slug(service.replace(/^(Service|Département|Unité) (de |des |du |d')?/i, "")).slice(0, 30) || "contact";
      email = type === "APP" ? unique(`app-${r.int(1e6)}`, hosp.domain) : unique(local, hosp.domain);
    }
    row[1] = email;
    recent.push(row);
    if (recent.length > 5000) recent.splice(0, 1000);
    yield row;
  }
}

/** Writes the extraction (UTF-8, official header) and returns what it holds. */
export function writeRealisticFile(path, count, seed = 1) {
  const fd = openSync(path, "w");
  const seen = new Set();
  const surnames = new Map();
  let repeats = 0;
  try {
    let chunk = [HEADER.join("|")];
    for (const row of realisticRows(count, seed)) {
      if (seen.has(row[1])) repeats++;
      else seen.add(row[1]);
      if (row[9]) surnames.set(row[9].toUpperCase(), (surnames.get(row[9].toUpperCase()) ?? 0) + 1);
      chunk.push(row.join("|"));
      if (chunk.length >= 10000) {
        writeSync(fd, Buffer.from(chunk.join("\n") + "\n"));
        chunk = [];
      }
    }
    if (chunk.length) writeSync(fd, Buffer.from(chunk.join("\n") + "\n"));
  } finally {
    closeSync(fd);
  }
  const top = [...surnames].sort((a, b) => b[1] - a[1]);
  const people = top.reduce((t, [, n]) => t + n, 0);
  return {
    rows: count,
    addressRepeats: repeats,
    distinctSurnames: top.length,
    surnamesOnce: top.filter(([, n]) => n === 1).length,
    topSurnames: top.slice(0, 5).map(([s, n]) => `${s} ${((100 * n) / people).toFixed(2)} %`),
    top100Share: `${((100 * top.slice(0, 100).reduce((t, [, n]) => t + n, 0)) / people).toFixed(1)} %`,
  };
}
