import type { Catalogue } from './types.js';

export const common: Catalogue = {
  da: {
    appName: 'Sagsgang',
    language: 'Sprog',
    danish: 'Dansk',
    english: 'English',
    swedish: 'Svenska',
    skipToContent: 'Gå til indhold',
    signIn: 'Log ind',
    signOut: 'Log ud',
    accessibilityStatement: 'Tilgængelighedserklæring',
    contact: 'Kontakt',
    privacy: 'Privatlivspolitik',
    errorGeneric: 'Der skete en fejl. Prøv igen.',
  },
  en: {
    appName: 'Sagsgang',
    language: 'Language',
    danish: 'Dansk',
    english: 'English',
    swedish: 'Svenska',
    skipToContent: 'Skip to content',
    signIn: 'Sign in',
    signOut: 'Sign out',
    accessibilityStatement: 'Accessibility statement',
    contact: 'Contact',
    privacy: 'Privacy policy',
    errorGeneric: 'Something went wrong. Please try again.',
  },
};
