import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { applyLocale, startupLocale } from './i18n/i18n.js';
import './styles/app.css';

// Before the session loads, speak the language this browser chose last time, else the browser's own if we have
// it, else Danish (a guess is not remembered: only a choice is). Its texts are fetched before the first render, and
// they are the only ones fetched.
void applyLocale(startupLocale(document.cookie, navigator.languages ?? [navigator.language]))
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
