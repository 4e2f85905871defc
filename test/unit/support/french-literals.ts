// Finds user-visible French written in the code instead of _locales: string and template literals
// holding French accented letters or « », read through the TypeScript parser (so comments, which
// are not nodes, are never seen, and a quote inside a regular expression cannot confuse it).
//
// What does not count as user-visible, and why:
// - src/cli/**: `node dist/cli.js …` is a French command-line tool (usage, help, headlines and its
//   own errors are French by contract); the core results it prints are said by the default
//   translator, from _locales/fr.
// - console.* calls whose first argument starts with "[mssante]": developer logs in the error
//   console, never shown in a page.
// - Proper nouns (MSSanté, IGC-Santé, Annuaire Santé…): the same in every language.
// - Data tables the code matches against or writes as data (the official column names of the ANS
//   extraction, phrases an impostor would write, the IGC-Santé CA names): named one by one in
//   DATA_TABLES with the reason; a literal outside them, in the same file, still counts.
import ts from "typescript";

export const FRENCH = /[àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»]/;

const PROPER_NOUNS = /MSSanté|IGC-Santé|IGC-SANTÉ|Annuaire Santé|Pro Santé Connect|Mon espace santé|Élémentaire Organisations/g;

export interface DataTable {
  /** Names of the variables (const X = …) or functions whose literals are data. */
  names: string[];
  why: string;
}

export interface FrenchLiteral {
  file: string;
  line: number;
  text: string;
}

export function isDeveloperLog(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === "console") {
      const first = n.arguments[0];
      return !!first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isTemplateExpression(first)) && literalText(first).startsWith("[mssante]");
    }
  }
  return false;
}

function literalText(n: ts.Node): string {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.head.text;
  return "";
}

function inDataTable(node: ts.Node, names: readonly string[]): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if ((ts.isVariableDeclaration(n) || ts.isFunctionDeclaration(n) || ts.isPropertyAssignment(n)) && n.name && ts.isIdentifier(n.name) && names.includes(n.name.text)) return true;
  }
  return false;
}

/** French literals of one source file, outside developer logs and the file's data tables. */
export function frenchLiterals(file: string, source: string, dataNames: readonly string[] = []): FrenchLiteral[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: FrenchLiteral[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) text = node.text;
    if (text !== null && FRENCH.test(text.replace(PROPER_NOUNS, "")) && !isDeveloperLog(node) && !inDataTable(node, dataNames)) {
      found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** French text in an HTML page outside attributes' i18n keys: pages take their words from data-i18n. */
export function frenchInHtml(file: string, html: string): FrenchLiteral[] {
  const found: FrenchLiteral[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, " "));
  withoutComments.split("\n").forEach((line, i) => {
    if (FRENCH.test(line.replace(PROPER_NOUNS, ""))) found.push({ file, line: i + 1, text: line.trim() });
  });
  return found;
}
