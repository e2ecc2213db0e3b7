import type { Catalogue } from './types.js';

export const common: Catalogue = {
  da: {
    danish: 'Dansk',
    english: 'English',
    swedish: 'Svenska',
    skipToContent: 'Gå til indhold',
    signOut: 'Log ud',
    accessibilityStatement: 'Tilgængelighedserklæring',
    apiDocs: 'API-dokumentation',
  },
  en: {
    danish: 'Dansk',
    english: 'English',
    swedish: 'Svenska',
    skipToContent: 'Skip to content',
    signOut: 'Sign out',
    accessibilityStatement: 'Accessibility statement',
    apiDocs: 'API documentation',
  },
  sv: {
    danish: 'Dansk',
    english: 'English',
    swedish: 'Svenska',
    skipToContent: 'Gå till innehållet',
    signOut: 'Logga ut',
    accessibilityStatement: 'Tillgänglighetsredogörelse',
    apiDocs: 'API-dokumentation',
  },
};
