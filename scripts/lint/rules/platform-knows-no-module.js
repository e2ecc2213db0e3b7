// @ts-check
// The platform is the building's services: modules build on it, never the other way round. Only the composition
// root beside app.ts and main.ts (outside platform/) puts modules and platform together.
import { visitImportSources } from '../import-sources.js';
import { importTarget, isInModules, repoPath } from '../workspace-layout.js';

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'platform/ imports nothing from modules/' },
    schema: [],
    messages: {
      moduleImport:
        "platform/ may not import '{{specifier}}' from modules/: let the composition root (src/composition*.ts, app.ts, main.ts) pass it in.",
    },
  },
  create(context) {
    if (!repoPath(context.filename)) return {};
    return visitImportSources((node, specifier) => {
      const target = importTarget(context.filename, specifier);
      if (target && isInModules(target)) context.report({ node, messageId: 'moduleImport', data: { specifier } });
    });
  },
};
