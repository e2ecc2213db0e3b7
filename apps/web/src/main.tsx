import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { applyLocale, cookieLocale } from './i18n/i18n.js';
import './styles/app.css';

// Before the session loads, speak the language this browser chose last time (or the browser's own).
const initial = cookieLocale() ?? (navigator.language.toLowerCase().startsWith('en') ? 'en' : 'da');
applyLocale(initial);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
