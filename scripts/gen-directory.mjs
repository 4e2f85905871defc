#!/usr/bin/env node
// Synthetic "Extraction_Correspondance_MSSante" file in the official format (31 columns, header by
// name), for tests and benchmarks: the real file is personal data and is never committed.
//   node scripts/gen-directory.mjs N OUT.txt [--seed S] [--encoding utf8|windows-1252] [--crlf] [--bom]
// Deterministic for a given N and seed. Realistic shape: French names with accents and compound
// surnames, professions and specialities with their weights, hospitals and practices, cities with
// their postcodes (Lyon and Paris by arrondissement, Saint-Étienne…), ~2 % rows without address,
// a few addresses on several rows (several practice locations, and a few exact duplicates).
import { closeSync, openSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const HEADER = [
  "Type de BAL", "Adresse BAL", "Type Identifiant PP", "Identifiant PP", "Identification nationale PP",
  "Type identifiant structure", "Identification Structure", "Service de rattachement", "Civilité d'exercice",
  "Nom d'exercice", "Prénom d'exercice", "Catégorie profession", "Libellé de catégorie profession",
  "Code Profession", "Libellé Profession", "Code savoir-faire", "Libellé savoir-faire", "Dématérialisation",
  "Raison Sociale structure BAL", "Enseigne commerciale structure BAL", "L2COMPLEMENTLOCALISATION structure BAL",
  "L3COMPLEMENTDISTRIBUTION structure BAL", "L4NUMEROVOIE structure BAL", "L4COMPLEMENTNUMEROVOIE structure BAL",
  "NL4TYPEVOIE structure BAL", "L4LIBELLEVOIE structure BAL", "L5LIEUDITMENTION structure BAL",
  "L6LIGNEACHEMINEMENT structure BAL", "Code postal structure BAL", "Département structure BAL", "Pays structure BAL",
];

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (arr) => arr[int(arr.length)];
  /** Zipf-like: early items much more frequent. */
  const zipf = (arr, s = 1.1) => arr[Math.min(arr.length - 1, Math.floor(Math.pow(next(), s * 2.2) * arr.length))];
  const weighted = (pairs) => {
    const total = pairs.reduce((t, p) => t + p[0], 0);
    let r = next() * total;
    for (const p of pairs) if ((r -= p[0]) < 0) return p[1];
    return pairs[pairs.length - 1][1];
  };
  return { next, int, pick, zipf, weighted };
}

export const COMMON_SURNAMES = [
  "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
  "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
  "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller", "Lefebvre", "Faure", "André",
  "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
  "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
  "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
  "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
  "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
  "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
  "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
  "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
  "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
  "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
  "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
  "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
  "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
  "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
  "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva",
  "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
  "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
  "Le Bihan", "Le Floch", "Le Corre", "Kerboull", "N'Diaye", "Diallo", "Nguyen", "Tran", "Dos Santos", "Ferreira",
  "Martin-Dupont", "Dupont-Moretti", "Lefèvre-Durand", "Saint-Martin", "de La Fontaine", "de Saint-Exupéry", "D'Almeida", "Le Hénaff", "Pérez-Garcia", "Lévy",
  "Cohen", "Benhamou", "Haddad", "Boucher-Lemaire", "Du Pont", "Dupond", "Dupré", "Duprat", "Dupuytren", "Legall",
];

export const SYL_A = ["Ber", "Mor", "Ker", "Lam", "Fon", "Gau", "Mar", "Bou", "Char", "Pel", "Ros", "Vin", "Cor", "Gal", "Bel", "Mon", "Ril", "Tes", "Dav", "Lan", "Cha", "Bru", "Ma", "Pi", "Fé", "Gré", "Lé", "Ro", "Sa", "Vau", "Des", "Mé", "Ja", "Ba", "Que", "Cla", "Ga", "Ha", "Jou", "Tou"];
export const SYL_B = ["nard", "vin", "ier", "ot", "ault", "eau", "in", "and", "et", "on", "ais", "ard", "ou", "at", "el", "ac", "y", "oux", "ès", "erie", "ange", "euil", "ant", "iot", "illon", "ourt", "ay", "ert", "ille", "aud"];
export const SYL_C = ["", "", "", "", "et", "ot", "in", "eau", "ard", "ier", "on", "ac", "ès", "ini", "elli"];

export const FIRST_F = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Anne", "Valérie", "Sandrine", "Hélène", "Céline", "Stéphanie", "Sophie", "Véronique", "Aurélie", "Émilie", "Julie", "Camille", "Léa", "Chloé", "Zoé", "Anaïs", "Gaëlle", "Maëlle", "Noémie", "Agnès", "Bérénice", "Clémence", "Élodie", "Inès", "Laëtitia", "Mélanie", "Océane", "Pénélope", "Marie-Hélène", "Anne-Sophie", "Marie-Christine", "Marie-Claire", "Rose-Marie", "Josée", "Manon", "Laura", "Pauline", "Sarah", "Lucie", "Margaux", "Justine", "Audrey", "Delphine", "Karine", "Virginie", "Caroline", "Claire", "Florence", "Laurence", "Béatrice", "Brigitte", "Monique", "Martine"];
export const FIRST_M = ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Laurent", "Frédéric", "Stéphane", "Éric", "David", "Julien", "Sébastien", "Olivier", "Thierry", "François", "Jérôme", "Vincent", "Thomas", "Antoine", "Maxime", "Alexandre", "Guillaume", "Hugo", "Lucas", "Loïc", "Joël", "Noël", "Gaël", "Mickaël", "Raphaël", "Benoît", "Hervé", "Rémi", "Cédric", "Grégoire", "Anthony", "Yannick", "Jean-François", "Jean-Pierre", "Jean-Marc", "Jean-Luc", "Jean-Michel", "Pierre-Yves", "Paul-Henri", "Marc-Antoine", "Jean-Baptiste", "Louis", "Martin", "Bernard", "Xavier", "Yves", "Denis", "Bruno", "Arnaud", "Mathieu", "Romain", "Adrien"];

const GENERAL_MEDICINE = "Médecine générale";
const MEDICAL_SPECIALTIES = [
  [34, ["SM54", GENERAL_MEDICINE]], [3, ["SM26", "Qualifié en Médecine Générale"]], [5, ["SM04", "Cardiologie et maladies vasculaires"]],
  [4, ["SM40", "Pédiatrie"]], [5, ["SM42", "Psychiatrie"]], [3, ["SM15", "Dermatologie et vénéréologie"]],
  [3, ["SM37", "Ophtalmologie"]], [3, ["SM20", "Gynécologie médicale"]], [3, ["SM19", "Gynécologie-obstétrique"]],
  [5, ["SM02", "Anesthésie-réanimation"]], [4, ["SM44", "Radio-diagnostic"]], [2, ["SM53", "Rhumatologie"]],
  [2, ["SM24", "Gastro-entérologie et hépatologie"]], [2, ["SM32", "Neurologie"]], [2, ["SM38", "Oto-rhino-laryngologie"]],
  [2, ["SM39", "Pathologie cardio-vasculaire"]], [2, ["SM43", "Pneumologie"]], [2, ["SM21", "Endocrinologie, diabétologie et maladies métaboliques"]],
  [2, ["SM28", "Médecine interne"]], [2, ["SM50", "Urologie"]], [1, ["SM33", "Néphrologie"]], [2, ["SM27", "Gériatrie"]],
  [2, ["SM35", "Oncologie médicale"]], [3, ["SM55", "Médecine d'urgence"]], [1, ["SM29", "Médecine du travail"]],
  [2, ["SM07", "Chirurgie orthopédique et traumatologie"]], [1, ["SM08", "Chirurgie viscérale et digestive"]],
];
export const PROFESSIONS = [
  [38, { code: "10", label: "Médecin", civility: "DR", domain: "medecin.mssante.fr", specialties: MEDICAL_SPECIALTIES }],
  [16, { code: "60", label: "Infirmier", domain: "infirmier.mssante.fr" }],
  [11, { code: "21", label: "Pharmacien", civility: "DR", domain: "pharmacien.mssante.fr", specialties: [[6, ["", ""]], [3, ["SP01", "Pharmacie d'officine"]], [1, ["SP02", "Biologie médicale"]]] }],
  [10, { code: "70", label: "Masseur-kinésithérapeute", domain: "masseur-kinesitherapeute.mssante.fr" }],
  [8, { code: "40", label: "Chirurgien-dentiste", civility: "DR", domain: "chirurgien-dentiste.mssante.fr", specialties: [[8, ["", ""]], [1, ["SCD01", "Orthopédie dento-faciale"]], [1, ["SCD02", "Chirurgie orale"]]] }],
  [5, { code: "50", label: "Sage-femme", domain: "sage-femme.mssante.fr" }],
  [3, { code: "80", label: "Pédicure-podologue", domain: "pedicure-podologue.mssante.fr" }],
  [2, { code: "91", label: "Orthophoniste", domain: "orthophoniste.mssante.fr" }],
  [1, { code: "92", label: "Orthoptiste", domain: "orthoptiste.mssante.fr" }],
  [2, { code: "93", label: "Psychologue", domain: "psychologue.mssante.fr" }],
  [1, { code: "94", label: "Ergothérapeute", domain: "ergotherapeute.mssante.fr" }],
  [1, { code: "95", label: "Diététicien", domain: "dieteticien.mssante.fr" }],
  [1, { code: "26", label: "Audioprothésiste", domain: "audioprothesiste.mssante.fr" }],
];

/** [postcode(s), city in mixed case, L6 form, weight]. */
const arrondissements = (prefix, city, n, w) => Array.from({ length: n }, (_, i) => [[`${prefix}${String(i + 1).padStart(3, "0")}`.slice(-5)], city, city.toUpperCase(), w]);
export const BIG_CITIES = [
  ...arrondissements("75", "Paris", 20, 6), ...arrondissements("69", "Lyon", 9, 6), ...arrondissements("13", "Marseille", 16, 3),
  [["42000", "42100"], "Saint-Étienne", "SAINT ETIENNE", 20], [["31000", "31100", "31200", "31300", "31400", "31500"], "Toulouse", "TOULOUSE", 25],
  [["06000", "06100", "06200", "06300"], "Nice", "NICE", 18], [["44000", "44100", "44200", "44300"], "Nantes", "NANTES", 18],
  [["67000", "67100", "67200"], "Strasbourg", "STRASBOURG", 16], [["34000", "34070", "34080", "34090"], "Montpellier", "MONTPELLIER", 18],
  [["33000", "33100", "33200", "33300", "33800"], "Bordeaux", "BORDEAUX", 20], [["59000", "59160", "59260", "59800"], "Lille", "LILLE", 18],
  [["35000", "35200", "35700"], "Rennes", "RENNES", 14], [["51100"], "Reims", "REIMS", 8], [["83000", "83100", "83200"], "Toulon", "TOULON", 8],
  [["38000", "38100"], "Grenoble", "GRENOBLE", 12], [["21000"], "Dijon", "DIJON", 8], [["49000", "49100"], "Angers", "ANGERS", 8],
  [["30000", "30900"], "Nîmes", "NIMES", 7], [["63000", "63100"], "Clermont-Ferrand", "CLERMONT FERRAND", 10], [["72000", "72100"], "Le Mans", "LE MANS", 7],
  [["13090", "13100"], "Aix-en-Provence", "AIX EN PROVENCE", 7], [["29200"], "Brest", "BREST", 9], [["37000", "37100", "37200"], "Tours", "TOURS", 8],
  [["80000", "80080", "80090"], "Amiens", "AMIENS", 6], [["87000", "87100"], "Limoges", "LIMOGES", 6], [["74000"], "Annecy", "ANNECY", 5],
  [["66000", "66100"], "Perpignan", "PERPIGNAN", 5], [["25000"], "Besançon", "BESANCON", 6], [["45000", "45100"], "Orléans", "ORLEANS", 6],
  [["93200"], "Saint-Denis", "SAINT DENIS", 4], [["97400", "97490"], "Saint-Denis", "ST DENIS", 3], [["76000", "76100"], "Rouen", "ROUEN", 8],
  [["14000"], "Caen", "CAEN", 6], [["54000"], "Nancy", "NANCY", 7], [["57000", "57050"], "Metz", "METZ", 6], [["86000"], "Poitiers", "POITIERS", 5],
  [["64000"], "Pau", "PAU", 4], [["17000"], "La Rochelle", "LA ROCHELLE", 4], [["59650"], "Villeneuve-d'Ascq", "VILLENEUVE D ASCQ", 3],
  [["92100"], "Boulogne-Billancourt", "BOULOGNE BILLANCOURT", 4], [["94000"], "Créteil", "CRETEIL", 4], [["35400"], "Saint-Malo", "SAINT MALO", 3],
  [["44600"], "Saint-Nazaire", "SAINT NAZAIRE", 3], [["29000"], "Quimper", "QUIMPER", 3], [["56100"], "Lorient", "LORIENT", 3], [["22000"], "Saint-Brieuc", "ST BRIEUC", 3],
  [["69100"], "Villeurbanne", "VILLEURBANNE", 5], [["69110"], "Sainte-Foy-lès-Lyon", "STE FOY LES LYON", 2], [["42300"], "Roanne", "ROANNE", 2],
  [["01000"], "Bourg-en-Bresse", "BOURG EN BRESSE", 3], [["73000"], "Chambéry", "CHAMBERY", 4], [["26000"], "Valence", "VALENCE", 4],
  [["84000"], "Avignon", "AVIGNON", 4], [["20000", "20090"], "Ajaccio", "AJACCIO", 2], [["20200", "20600"], "Bastia", "BASTIA", 2], [["97200"], "Fort-de-France", "FORT DE FRANCE", 3],
];
export const TOWN_A = ["Saint-", "Sainte-", "Le ", "La ", "Les ", "Mont", "Ville", "Châtel", "Beau", "Bel", "Font", "Neuf", "Roche", "Val", "Bois"];
export const TOWN_B = ["Martin", "Jean", "Marie", "Pierre", "Laurent", "Germain", "Hilaire", "Genis", "Mesnil", "Chêne", "fort", "mont", "court", "ville", "champ", "bourg", "lieu", "vert", "pré", "Étang"];
export const TOWN_C = ["", "", "", "-sur-Loire", "-sur-Mer", "-en-Forez", "-les-Bains", "-de-Bretagne", "-lès-Nancy", "-d'Azergues", "-sur-Saône", "-le-Vieux"];
export const STREET_TYPES = [["R", "RUE"], ["AV", "AVENUE"], ["BD", "BOULEVARD"], ["PL", "PLACE"], ["CHE", "CHEMIN"], ["IMP", "IMPASSE"], ["ALL", "ALLEE"], ["QU", "QUAI"]];
export const STREET_NAMES = ["DE LA REPUBLIQUE", "VICTOR HUGO", "JEAN JAURES", "DU GENERAL DE GAULLE", "PASTEUR", "DES LILAS", "DE LA GARE", "DU MARECHAL FOCH", "GAMBETTA", "DE PARIS", "DES ECOLES", "DE L EGLISE", "CLEMENCEAU", "SAINT MICHEL", "DU 8 MAI 1945", "ALSACE LORRAINE"];
const PRACTICE_KIND = { "10": "CABINET MEDICAL", "60": "CABINET INFIRMIER", "70": "CABINET DE KINESITHERAPIE", "40": "CABINET DENTAIRE", "50": "CABINET DE SAGES-FEMMES" };
export const SERVICES = ["Service de cardiologie", "Service des urgences", "Secrétariat médical", "Service de pédiatrie", "Bloc opératoire", "Laboratoire de biologie médicale", "Service de radiologie", "Maternité", "Pharmacie à usage intérieur", "Service de psychiatrie adulte", "Consultations externes", "Département d'information médicale", "Service de gériatrie", "Service d'oncologie", "Accueil"];

function fold(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[œŒ]/g, "oe").toLowerCase();
}
export function slug(s) {
  return fold(s).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
export function upperAscii(s) {
  return fold(s).toUpperCase().replace(/[^A-Z0-9]+/g, " ").trim();
}
function pad(n, width) {
  return String(n).padStart(width, "0");
}

/** Windows-1252 encoder for the characters this generator produces (Latin-1 plus œ, Œ, €, ’). */
function encodeCp1252(text) {
  const extra = { "€": 0x80, "’": 0x92, "œ": 0x9c, "Œ": 0x8c, "Ÿ": 0x9f, "…": 0x85, "«": 0xab, "»": 0xbb };
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else if (extra[text[i]] !== undefined) out[i] = extra[text[i]];
    else out[i] = 0x3f;
  }
  return out;
}

export function* generateRows(count, seed = 1) {
  const r = rng(seed);
  // Cities: the big ones, then a long tail of small towns with plausible postcodes.
  const cities = BIG_CITIES.map(([codes, name, l6, w]) => ({ codes, name, l6, w }));
  for (let i = 0; i < 600; i++) {
    const name = `${r.pick(TOWN_A)}${r.pick(TOWN_B)}${r.pick(TOWN_C)}`.replace(/ -/g, "-");
    const dep = pad(1 + r.int(95), 2);
    cities.push({ codes: [`${dep}${pad(r.int(99) * 10, 3)}`], name, l6: upperAscii(name), w: 1 });
  }
  const cityWeights = cities.map((c) => [c.w, c]);
  // Structures: hospitals in big cities, practices everywhere.
  const hospitals = [];
  for (const c of cities.slice(0, BIG_CITIES.length)) {
    const base = slug(c.name).replace(/^saint-/, "st-");
    if (hospitals.some((h) => h.city.name === c.name)) continue;
    hospitals.push({ name: `CENTRE HOSPITALIER UNIVERSITAIRE DE ${c.name.toUpperCase()}`, short: `CHU ${c.name.toUpperCase()}`, domain: `chu-${base}.mssante.fr`, city: c });
    hospitals.push({ name: `CENTRE HOSPITALIER DE ${c.name.toUpperCase()}`, short: "", domain: `ch-${base}.mssante.fr`, city: c });
    hospitals.push({ name: `CLINIQUE ${r.pick(["SAINT JOSEPH", "DU PARC", "DES CEDRES", "SAINTE ANNE", "PASTEUR", "DU VAL D OUEST"])}`, short: "", domain: `clinique-${base}.mssante.fr`, city: c });
  }
  const usedEmails = new Set();
  const previous = [];
  let structureSeq = 1;

  for (let i = 0; i < count; i++) {
    // A few addresses on several rows: another practice location, or the same one repeated.
    if (previous.length > 50 && r.next() < 0.004) {
      const base = r.pick(previous);
      const row = base.slice();
      if (r.next() < 0.7) {
        const city = r.weighted(cityWeights);
        const code = r.pick(city.codes);
        row[18] = `CABINET SECONDAIRE ${city.name.toUpperCase()}`;
        row[27] = `${code} ${city.l6}`;
        row[28] = code;
        row[29] = code.slice(0, 2);
      }
      yield row;
      continue;
    }
    const type = r.weighted([[84, "PER"], [15, "ORG"], [0.6, "CAB"], [0.1, "APP"]]);
    const city = r.weighted(cityWeights);
    const code = r.pick(city.codes);
    const cedex = r.next() < 0.03;
    const routing = cedex ? `${code.slice(0, 2)}${pad(r.int(999), 3)} ${city.l6} CEDEX ${pad(1 + r.int(9), 2)}` : `${code} ${r.next() < 0.15 && /^SAINT /.test(city.l6) ? city.l6.replace(/^SAINT /, "ST ") : city.l6}`;
    const row = new Array(31).fill("");
    row[0] = type;
    row[11] = "C";
    row[12] = "Civil";
    row[17] = r.next() < 0.7 ? "True" : "False";
    row[22] = String(1 + r.int(180));
    row[23] = r.next() < 0.05 ? "B" : "";
    row[24] = r.pick(STREET_TYPES)[0];
    row[25] = r.pick(STREET_NAMES);
    row[20] = r.next() < 0.1 ? `BATIMENT ${String.fromCharCode(65 + r.int(6))}` : "";
    row[21] = r.next() < 0.05 ? `BP ${r.int(900) + 10}` : "";
    row[27] = routing;
    row[28] = code;
    row[29] = code.slice(0, 2);
    row[30] = "FRANCE";

    const inHospital = type !== "CAB" && (type !== "PER" || r.next() < 0.35);
    const hospital = inHospital ? r.pick(hospitals) : null;
    if (hospital) {
      row[18] = hospital.name;
      row[19] = r.next() < 0.3 ? hospital.short : "";
      row[27] = cedex ? routing : `${r.pick(hospital.city.codes)} ${hospital.city.l6}`;
      row[28] = row[27].slice(0, 5);
      row[29] = row[28].slice(0, 2);
      row[5] = "1";
      row[6] = `1${pad(hospital.city.name.length * 7919 + 100000 + hospitals.indexOf(hospital), 8)}`;
    } else {
      row[5] = "3";
      row[6] = `3${pad(structureSeq++, 13)}`;
    }

    let email;
    if (type === "PER" || type === "CAB") {
      const female = r.next() < 0.62;
      const first = r.zipf(female ? FIRST_F : FIRST_M, 0.9);
      let last;
      const u = r.next();
      if (u < 0.55) last = r.zipf(COMMON_SURNAMES, 1.0);
      else if (u < 0.6) last = `${r.zipf(COMMON_SURNAMES)}-${r.zipf(COMMON_SURNAMES)}`;
      else last = `${r.pick(SYL_A)}${r.pick(SYL_B)}${r.pick(SYL_C)}`;
      if (r.next() < 0.3) last = last.toUpperCase();
      const prof = r.weighted(PROFESSIONS);
      row[13] = prof.code;
      row[14] = prof.label;
      if (prof.specialties) {
        const [sc, sl] = r.weighted(prof.specialties);
        row[15] = sc;
        row[16] = sl;
      }
      row[8] = prof.civility && r.next() < 0.8 ? (r.next() < 0.03 ? "PR" : prof.civility) : "";
      row[9] = last;
      row[10] = first;
      const rpps = `10${pad(r.int(1e9), 9)}`;
      row[2] = "8";
      row[3] = rpps;
      row[4] = `8${rpps}`;
      if (type === "CAB") {
        row[18] = `CABINET ${r.next() < 0.5 ? "MEDICAL" : "DU DR"} ${upperAscii(last)}`;
        row[19] = r.next() < 0.4 ? `Cabinet ${r.pick(["des Lilas", "du Centre", "de la Gare", "Pasteur", "Saint-Jean"])}` : "";
      } else if (!hospital && r.next() < 0.5) {
        row[18] = prof.label === "Pharmacien" ? `PHARMACIE ${r.pick(["DU CENTRE", "DE LA GARE", "DES HALLES", "SAINT MICHEL", "DU MARCHE"])}` : `${PRACTICE_KIND[prof.code] ?? "CABINET PARAMEDICAL"} ${r.pick(["DES LILAS", "DU CENTRE", "PASTEUR", "DE LA GARE", "VICTOR HUGO"])}`;
      }
      const domain = hospital ? hospital.domain : r.next() < 0.8 ? prof.domain : r.pick(["medecin.mssante.fr", "ars-ara.mssante.fr", "sante-ra.mssante.fr", "esante-bretagne.mssante.fr"]);
      const localBase = `${slug(first)}.${slug(last)}`;
      let local = localBase;
      for (let k = 2; usedEmails.has(`${local}@${domain}`); k++) local = `${localBase}${k}`;
      email = `${local}@${domain}`;
    } else {
      const hosp = hospital ?? r.pick(hospitals);
      const service = r.pick(SERVICES);
      row[7] = service;
      row[18] = hosp.name;
      const localBase = slug(service.replace(/^(Service|Département) (de |des |d')?/i, "")).slice(0, 30) || "contact";
      let local = localBase;
      for (let k = 2; usedEmails.has(`${local}@${hosp.domain}`); k++) local = `${localBase}${k}`;
      email = `${local}@${hosp.domain}`;
      if (type === "APP") email = `app-${r.int(1e6)}@${hosp.domain}`;
    }
    usedEmails.add(email);
    row[1] = r.next() < 0.02 ? "" : email;
    if (row[1]) previous.push(row);
    if (previous.length > 5000) previous.splice(0, 1000);
    yield row;
  }
}

function parseCli(argv) {
  const args = { seed: 1, encoding: "utf8", crlf: false, bom: false, positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seed") args.seed = Number(argv[++i]);
    else if (a === "--encoding") args.encoding = argv[++i];
    else if (a === "--crlf") args.crlf = true;
    else if (a === "--bom") args.bom = true;
    else args.positionals.push(a);
  }
  return args;
}

export function writeDirectoryFile(path, count, { seed = 1, encoding = "utf8", crlf = false, bom = false } = {}) {
  if (encoding !== "utf8" && encoding !== "windows-1252") throw new Error(`encoding ${encoding}: utf8 or windows-1252`);
  const eol = crlf ? "\r\n" : "\n";
  const encode = encoding === "utf8" ? (s) => Buffer.from(s, "utf8") : encodeCp1252;
  const fd = openSync(path, "w");
  try {
    if (bom && encoding === "utf8") writeSync(fd, Buffer.from([0xef, 0xbb, 0xbf]));
    let chunk = [HEADER.join("|")];
    for (const row of generateRows(count, seed)) {
      chunk.push(row.join("|"));
      if (chunk.length >= 10000) {
        writeSync(fd, encode(chunk.join(eol) + eol));
        chunk = [];
      }
    }
    if (chunk.length) writeSync(fd, encode(chunk.join(eol) + eol));
  } finally {
    closeSync(fd);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseCli(process.argv.slice(2));
  const [n, out] = args.positionals;
  if (!n || !out || !Number.isInteger(Number(n)) || Number(n) < 0) {
    process.stderr.write("Usage : node scripts/gen-directory.mjs N OUT.txt [--seed S] [--encoding utf8|windows-1252] [--crlf] [--bom]\n");
    process.exit(2);
  }
  writeDirectoryFile(out, Number(n), args);
}
