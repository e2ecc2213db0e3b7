// @ts-check
// SQL is written in repositories (and the platform, migrations, tests, benchmarks: the config says where this rule
// is on). A type from Kysely may be named anywhere — passing a `Transaction<DB>` on writes no SQL — but a value
// import from 'kysely', the `sql` tag and a query builder call belong in a repository.
const BUILDER_CALLS = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
]);

const isTypeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Kysely values, the sql tag and query builders only in *.repository.ts' },
    schema: [],
    messages: {
      kyselyImport: "A value import from 'kysely' builds SQL: move the query into this module's repository.",
      sqlTag: "An `sql` template outside a repository: move the query into this module's repository.",
      builderCall: "'.{{name}}()' builds SQL outside a repository: move the query into this module's repository.",
    },
  },
  create(context) {
    const fromKysely = (node) => {
      if (node.source?.value === 'kysely' && !isTypeOnly(node)) context.report({ node, messageId: 'kyselyImport' });
    };
    return {
      ImportDeclaration: fromKysely,
      ExportNamedDeclaration: fromKysely,
      ExportAllDeclaration: fromKysely,
      ImportExpression(node) {
        if (node.source.type === 'Literal' && node.source.value === 'kysely') {
          context.report({ node, messageId: 'kyselyImport' });
        }
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag;
        const name = tag.type === 'Identifier' ? tag.name : tag.type === 'MemberExpression' ? tag.property.name : null;
        if (name === 'sql') context.report({ node, messageId: 'sqlTag' });
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        if (BUILDER_CALLS.has(callee.property.name)) {
          context.report({ node: callee.property, messageId: 'builderCall', data: { name: callee.property.name } });
        }
      },
    };
  },
};
