// @ts-check
// One visitor for every way a file names another: import, export … from, import(), and `import('x').T` in types.

/**
 * @param {(node: any, specifier: string) => void} check called with the string literal and its value
 * @returns {Record<string, (node: any) => void>}
 */
export function visitImportSources(check) {
  const literal = (source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') check(source, source.value);
  };
  return {
    ImportDeclaration: (node) => literal(node.source),
    ExportNamedDeclaration: (node) => literal(node.source),
    ExportAllDeclaration: (node) => literal(node.source),
    ImportExpression: (node) => literal(node.source),
    // typescript-eslint 8 names the string `source`; older parsers wrapped it in `argument`.
    TSImportType: (node) => literal(node.source ?? node.argument?.literal),
  };
}
