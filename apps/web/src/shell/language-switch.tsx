import type { Locale } from '@sagsgang/contracts/i18n';
import { authApi } from '../api/auth-api.js';
import { applyLocale, offeredLocales, translatorFor, useT } from '../i18n/i18n.js';
import { errorSentence } from '../errors/error-text.js';

// Each language is named in itself (the catalogue's text is the same in every locale).
const LANGUAGE_NAME_KEYS: Record<Locale, string> = { da: 'common:danish', en: 'common:english', sv: 'common:swedish' };

/** Switches the language at once and saves it on the account, so e-mails and the portal follow. */
export function LanguageSwitch(props: { onMessage: (message: string) => void }) {
  const { t, locale } = useT();
  const choose = (next: Locale) => {
    if (next === locale) return;
    applyLocale(next, { remember: true }).then(
      () => props.onMessage(t('languageSwitched', { lng: next })),
      (err: unknown) => props.onMessage(errorSentence(err, t)),
    );
    // The page speaks the new language already, so the refusal is worded in it too.
    authApi.setLocale(next).catch((err: unknown) => props.onMessage(errorSentence(err, translatorFor(next))));
  };
  return (
    <ul className="bo-language-switch" aria-label={t('portal:chooseLanguage')}>
      {offeredLocales().map((l) => (
        <li key={l}>
          <button
            type="button"
            className="function-link"
            lang={l}
            aria-pressed={l === locale}
            onClick={() => choose(l)}
          >
            {t(LANGUAGE_NAME_KEYS[l])}
          </button>
        </li>
      ))}
    </ul>
  );
}
