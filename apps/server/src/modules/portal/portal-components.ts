import { html, type HtmlValue, type SafeHtml } from '../../platform/html/html.js';
import type { Translate } from '../../platform/i18n/i18n.js';
import { DKFDS_PREFIX } from './portal-assets.js';

/** A DKFDS icon from the shared sprite; decorative unless it gets a label. */
export function icon(name: string, options: { label?: string; classes?: string } = {}): SafeHtml {
  const cls = `icon-svg${options.classes ? ` ${options.classes}` : ''}`;
  const use = html`<use href="${DKFDS_PREFIX}img/all-svg-icons.svg#${name}"></use>`;
  return options.label
    ? html`<svg class="${cls}" focusable="false" role="img" aria-label="${options.label}">${use}</svg>`
    : html`<svg class="${cls}" focusable="false" aria-hidden="true">${use}</svg>`;
}

export interface FieldError {
  /** The id of the input the error belongs to; the summary links there. */
  fieldId: string;
  message: string;
}

/**
 * The DKFDS error summary: announced on load (role="alert"), focused by DKFDS.init() when scripts run, and each
 * message links to its field so it works the same without scripts.
 */
export function errorSummary(heading: string, errors: FieldError[]): SafeHtml | undefined {
  if (errors.length === 0) return undefined;
  return html`<div class="alert alert-error" role="alert" aria-labelledby="error-summary-title" data-module="error-summary" tabindex="-1">
  ${icon('error', { classes: 'alert-icon' })}
  <div class="alert-body">
    <h2 class="alert-heading h3" id="error-summary-title">${heading}</h2>
    <ul class="alert-text nobullet-list">
      ${errors.map((e) => html`<li><a class="function-link" href="#${e.fieldId}">${e.message}</a></li>`)}
    </ul>
  </div>
</div>`;
}

export interface TextInputOptions {
  id: string;
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'password' | 'email';
  autocomplete?: string;
  error?: string;
  errorPrefix: string;
}

/** A DKFDS text input with its label and, when invalid, the inline error tied to it by aria-describedby. */
export function textInput(o: TextInputOptions): SafeHtml {
  const errorId = `${o.id}-error`;
  return html`<div class="form-group${o.error ? ' form-error' : ''}">
  <label class="form-label" for="${o.id}">${o.label}</label>
  ${o.error ? html`<span class="form-error-message" id="${errorId}"><span class="sr-only">${o.errorPrefix} </span>${o.error}</span>` : null}
  <input class="form-input" type="${o.type ?? 'text'}" id="${o.id}" name="${o.name}" value="${o.value ?? ''}"${autocomplete(o.autocomplete)}${o.error ? html` aria-invalid="true" aria-describedby="${errorId}"` : null}>
</div>`;
}

function autocomplete(value: string | undefined): HtmlValue {
  return value ? html` autocomplete="${value}"` : null;
}

const ALERT_LABEL_KEYS = {
  info: 'portal:alertInfo',
  success: 'portal:alertSuccess',
  warning: 'portal:alertWarning',
  error: 'portal:alertError',
};

/** A DKFDS alert; success is announced politely, warnings and errors at once. */
export function alert(t: Translate, variant: 'info' | 'success' | 'warning' | 'error', content: HtmlValue): SafeHtml {
  const label = t(ALERT_LABEL_KEYS[variant]);
  const role =
    variant === 'warning' || variant === 'error'
      ? html` role="alert"`
      : variant === 'success'
        ? html` role="status"`
        : null;
  return html`<div class="alert alert-${variant}"${role}>
  ${icon(variant, { classes: 'alert-icon', label })}
  <div class="alert-body"><p class="alert-text">${content}</p></div>
</div>`;
}
