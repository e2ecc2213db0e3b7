// @ts-check
// Which workspace may import which: the pure packages know no app, the back office knows no server. A workspace
// always may import itself; the config lists what else each may import: a workspace ('packages/clock'), every
// package ('packages/*'), or one file ('apps/server/src/x.ts', for a fixture a test shares).
import { visitImportSources } from '../import-sources.js';
import { importTarget, repoPath, workspaceOf } from '../workspace-layout.js';

const withoutExtension = (file) => file.replace(/\.(js|ts|tsx)$/, '');

const permits = (allowed, workspace, target) =>
  allowed.some(
    (entry) =>
      entry === workspace ||
      (entry.endsWith('/*') && workspace.startsWith(entry.slice(0, -1))) ||
      withoutExtension(entry) === withoutExtension(target),
  );

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'A workspace imports only the workspaces it is allowed to' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        required: ['allow'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: "{{from}} may not import {{to}} ('{{specifier}}'); it may import {{allowed}}.",
    },
  },
  create(context) {
    const file = repoPath(context.filename);
    const own = file && workspaceOf(file);
    if (!own) return {};
    /** @type {string[]} */
    const allowed = context.options[0]?.allow ?? [];
    return visitImportSources((node, specifier) => {
      const target = importTarget(context.filename, specifier);
      const workspace = target && workspaceOf(target);
      if (!workspace || workspace === own || permits(allowed, workspace, target)) return;
      const data = { from: own, to: workspace, specifier, allowed: allowed.join(', ') || 'no other workspace' };
      context.report({ node, messageId: 'forbidden', data });
    });
  },
};
