import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { applyLocale, cookieLocale } from './i18n/i18n.js';
import './styles/app.css';

// Before the session loads, speak the language this browser chose last time (or the browser's own); its texts are
// fetched before the first render, and they are the only ones fetched.
const initial = cookieLocale() ?? (navigator.language.toLowerCase().startsWith('en') ? 'en' : 'da');
void applyLocale(initial)
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
