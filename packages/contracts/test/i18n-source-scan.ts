import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Where a translation key is named in the source, e.g. apps/web/src/app.tsx:12. */
export interface KeyUse {
  key: string;
  at: string;
}

/** What the scan found: keys written out in full, and keys built at run time from a template. */
export interface KeyScan {
  literal: KeyUse[];
  /** A built key as `prefix${…}suffix`, e.g. `cases:state_${…}`. */
  dynamic: KeyUse[];
  /** A key stored as data (a `…Key` property or a `…_KEYS` table) without its namespace: it cannot be checked. */
  bareInData: KeyUse[];
}

/** A source tree and the namespace its `t('key')` means when the key names none (i18next's defaultNS there). */
export interface SourceRoot {
  dir: string;
  defaultNamespace: string;
}

const TRANSLATORS = new Set(['t', 'textOr']);

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

const isPlainString = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

/** The key argument of a translator call: `t(key)`, `page.t(key)`, and the server's `t(locale, key)`. */
function keyArgument(call: ts.CallExpression): ts.Expression | undefined {
  const [first, second] = call.arguments;
  const isKeyLike = (node: ts.Expression | undefined) =>
    !!node && (isPlainString(node) || ts.isTemplateExpression(node));
  return isKeyLike(first) ? first : isKeyLike(second) ? second : undefined;
}

function templateShape(node: ts.TemplateExpression): string {
  return node.head.text + node.templateSpans.map((span) => `\${…}${span.literal.text}`).join('');
}

/** Properties named `…Key` by other APIs, whose values are not translation keys (WebAuthn's `residentKey`). */
const FOREIGN_KEY_PROPERTIES = new Set(['residentKey']);

/** Is this string the value of a `…Key:` property, or an entry of a `…_KEYS` table? */
function storedAsKey(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent || !ts.isPropertyAssignment(parent) || parent.initializer !== node) return false;
  const name = parent.name.getText();
  if (/Key$/.test(name)) return !FOREIGN_KEY_PROPERTIES.has(name);
  const table = parent.parent?.parent;
  return !!table && ts.isVariableDeclaration(table) && /_KEYS$/.test(table.name.getText());
}

/** Reads every file under the roots and collects the translation keys they name. */
export function scanKeys(repoRoot: string, roots: SourceRoot[], namespaces: string[]): KeyScan {
  const namespaced = new RegExp(`^(${namespaces.join('|')}):[A-Za-z0-9_]+$`);
  const namespacedPrefix = new RegExp(`^(${namespaces.join('|')}):`);
  const scan: KeyScan = { literal: [], dynamic: [], bareInData: [] };
  for (const root of roots) {
    for (const file of sourceFiles(join(repoRoot, root.dir))) {
      const text = readFileSync(file, 'utf8');
      const source = ts.createSourceFile(
        file,
        text,
        ts.ScriptTarget.Latest,
        true,
        file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
      );
      const at = (node: ts.Node) =>
        `${relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node): void => {
        if (isPlainString(node)) {
          if (namespaced.test(node.text)) scan.literal.push({ key: node.text, at: at(node) });
          else if (storedAsKey(node) && /^[a-z][A-Za-z0-9_]*$/.test(node.text))
            scan.bareInData.push({ key: node.text, at: at(node) });
        } else if (ts.isTemplateExpression(node) && namespacedPrefix.test(node.head.text)) {
          scan.dynamic.push({ key: templateShape(node), at: at(node) });
        } else if (ts.isCallExpression(node) && TRANSLATORS.has(calleeName(node))) {
          const arg = keyArgument(node);
          if (arg && isPlainString(arg) && !arg.text.includes(':'))
            scan.literal.push({ key: `${root.defaultNamespace}:${arg.text}`, at: at(arg) });
          if (arg && ts.isTemplateExpression(arg) && !arg.head.text.includes(':')) {
            scan.dynamic.push({ key: `${root.defaultNamespace}:${templateShape(arg)}`, at: at(arg) });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return scan;
}
