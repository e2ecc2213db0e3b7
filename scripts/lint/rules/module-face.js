// @ts-check
// A server module is entered only through its face, `modules/<name>/index.js`; inside a module anything goes.
import { visitImportSources } from '../import-sources.js';
import { importTarget, isModuleFace, repoPath, serverModuleOf } from '../workspace-layout.js';

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Import another server module only through its index.js, never its files' },
    schema: [],
    messages: {
      deepImport:
        "'{{specifier}}' reaches into the module '{{module}}': import its face '{{face}}' instead, and export there what is needed.",
    },
  },
  create(context) {
    const file = repoPath(context.filename);
    if (!file) return {};
    const ownModule = serverModuleOf(file);
    return visitImportSources((node, specifier) => {
      const target = importTarget(context.filename, specifier);
      if (!target) return;
      const module = serverModuleOf(target);
      if (!module || module === ownModule || isModuleFace(target)) return;
      const face = `modules/${module}/index.js`;
      context.report({ node, messageId: 'deepImport', data: { specifier, module, face } });
    });
  },
};
