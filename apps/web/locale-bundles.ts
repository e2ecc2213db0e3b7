import type { Plugin } from 'vite';
import { i18nResources, type Locale } from '../../packages/contracts/src/i18n/index.js';

const LOCALE_MODULE = /\/src\/i18n\/locales\/(da|en|sv)\.ts$/;

/**
 * One chunk per language: each `src/i18n/locales/<locale>.ts` is compiled to that language's texts alone, so the
 * first screen downloads only the reader's language and another one only when the reader switches. (The catalogues
 * keep all languages of a namespace side by side, which a bundler cannot split.) The texts are read from the
 * contracts' sources when the config loads, and Vite reloads the config when they change.
 */
export function localeBundles(): Plugin {
  return {
    name: 'sagsgang-locale-bundles',
    enforce: 'pre',
    transform(_code, id) {
      const locale = LOCALE_MODULE.exec(id.split('?')[0]!)?.[1] as Locale | undefined;
      if (!locale) return null;
      return { code: `export default ${JSON.stringify(i18nResources()[locale])};\n`, map: null };
    },
  };
}
