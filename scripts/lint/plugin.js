// @ts-check
// The project's own lint rules: the boundaries of the house, checked on every lint run (eslint.config.js says
// where each applies).
import moduleFace from './rules/module-face.js';
import platformKnowsNoModule from './rules/platform-knows-no-module.js';
import sqlInRepositories from './rules/sql-in-repositories.js';
import workspaceImports from './rules/workspace-imports.js';

export default {
  meta: { name: 'sagsgang' },
  rules: {
    'module-face': moduleFace,
    'platform-knows-no-module': platformKnowsNoModule,
    'sql-in-repositories': sqlInRepositories,
    'workspace-imports': workspaceImports,
  },
};
