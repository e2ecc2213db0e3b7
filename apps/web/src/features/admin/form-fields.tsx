import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { Translate } from '../../i18n/i18n.js';
import { fieldIssues, issueMessage } from '../../errors/field-issues.js';
import { ErrorContent } from '../../errors/error-alert.js';

export { issueMessage };

/**
 * Runs one request of a form and keeps what the server refused: `issues` by field, for the fields and the error
 * summary. The form's values are the caller's state and are never touched, so nothing typed is lost.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issues = useMemo(() => fieldIssues(error), [error]);
  const run = async (work: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, issues, run };
}

export type Action = ReturnType<typeof useAction>;

/** A live region that is always in the page, so a message put in it is read out. */
export function StatusMessage({ text }: { text: string }) {
  return (
    <p role="status" className="bo-status">
      {text}
    </p>
  );
}

/**
 * What went wrong with a form: with field issues, a list of links that move focus to each field (DKFDS error
 * summary); otherwise the error in words (see ErrorContent). Focus moves here when a new error comes, so keyboard users land on it.
 */
export function ErrorSummary(props: {
  action: Action;
  fields: Record<string, { id: string; label: string }>;
  t: Translate;
}) {
  const { action, fields, t } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (action.error) ref.current?.focus();
  }, [action.error]);
  if (!action.error) return null;
  const listed = [...action.issues].filter(([field]) => fields[field]);
  const focus = (id: string) => (e: MouseEvent) => {
    e.preventDefault();
    document.getElementById(id)?.focus();
  };
  return (
    <div className="alert alert-error bo-error-summary" role="alert" tabIndex={-1} ref={ref}>
      <div className="alert-body">
        {listed.length === 0 ? (
          <ErrorContent
            error={action.error}
            t={t}
            labels={Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, v.label]))}
          />
        ) : (
          <>
            <p className="alert-heading">{t('admin:errSummary')}</p>
            <ul className="alert-text nobullet-list">
              {listed.map(([field, issue]) => (
                <li key={field}>
                  <a href={`#${fields[field]!.id}`} onClick={focus(fields[field]!.id)}>
                    {fields[field]!.label}: {issueMessage(issue, t)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** The server's refusal of this field, already in words. */
  error?: string;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
}

function describedBy(props: FieldProps): string | undefined {
  return (
    [props.error ? `${props.id}-error` : '', props.hint ? `${props.id}-hint` : ''].filter(Boolean).join(' ') ||
    undefined
  );
}

function FieldFrame(props: FieldProps & { children: React.ReactNode; t: Translate }) {
  return (
    <div className={`form-group${props.error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={props.id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {props.hint && (
        <span className="form-hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="form-error-message" id={`${props.id}-error`}>
          <span className="sr-only">{props.t('admin:errPrefix')}</span>
          {props.error}
        </span>
      )}
      {props.children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    t: Translate;
    type?: 'text' | 'email' | 'password' | 'date' | 'search';
    autoComplete?: string;
    className?: string;
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        className={`form-input ${props.className ?? ''}`.trim()}
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { t: Translate; options: { value: string; label: string }[] }) {
  return (
    <FieldFrame {...props}>
      <select
        className="form-select"
        id={props.id}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A "remove" button in a row; `label` says what it removes, for those who cannot see the row. */
export function RemoveButton(props: { label: string; t: Translate; busy?: boolean; onClick: () => void }) {
  return (
    <button
      className="button button-secondary"
      type="button"
      disabled={props.busy}
      onClick={props.onClick}
      aria-label={props.label}
    >
      {props.t('admin:remove')}
    </button>
  );
}
