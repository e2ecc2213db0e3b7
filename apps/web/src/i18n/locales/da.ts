import { i18nResources } from '@sagsgang/contracts/i18n';

/** The Danish texts of every namespace. In the build this module is those texts alone (see locale-bundles.ts). */
export default i18nResources().da;
