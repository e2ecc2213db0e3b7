import { useState, type FormEvent } from 'react';
import type { Translate } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';

export interface Field {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'datetime' | 'select' | 'radio' | 'checkbox' | 'number' | 'file';
  options?: [string, string][];
  /** File fields: the types the picker offers (the server judges the content). */
  accept?: string;
  required?: boolean;
  hint?: string;
  initial?: string;
}

export type Values = Record<string, string>;
/** The chosen file of each file field, if any. */
export type Files = Record<string, File | undefined>;

/**
 * One case action as a plain form inside a disclosure: labelled fields, hints tied to their inputs, and the
 * server's refusal shown beside the form in the reader's language, naming each field by its label.
 */
export function ActionForm(props: {
  id: string;
  title: string;
  fields: Field[];
  submitLabel: string;
  t: Translate;
  open?: boolean;
  onSubmit: (values: Values, files: Files) => Promise<void>;
}) {
  const initial = Object.fromEntries(
    props.fields.map((f) => [f.name, f.initial ?? (f.type === 'checkbox' ? '' : (f.options?.[0]?.[0] ?? ''))]),
  );
  const [values, setValues] = useState<Values>(initial);
  const [files, setFiles] = useState<Files>({});
  // A file input cannot be set from state; a new key empties it after a successful submit.
  const [fileKey, setFileKey] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values, files);
      setValues(initial);
      setFiles({});
      setFileKey((k) => k + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="bo-action" open={props.open}>
      <summary>{props.title}</summary>
      <form onSubmit={submit} aria-label={props.title} noValidate>
        {props.fields.map((f) => {
          const id = `${props.id}-${f.name}`;
          const hint = f.hint ? `${id}-hint` : undefined;
          if (f.type === 'radio') {
            return (
              <fieldset key={f.name} className="form-group">
                <legend className="form-label">{f.label}</legend>
                {f.options!.map(([v, l]) => (
                  <div className="form-group-radio" key={v}>
                    <input
                      className="form-radio"
                      type="radio"
                      id={`${id}-${v}`}
                      name={id}
                      value={v}
                      checked={values[f.name] === v}
                      onChange={() => set(f.name, v)}
                    />
                    <label htmlFor={`${id}-${v}`}>{l}</label>
                  </div>
                ))}
              </fieldset>
            );
          }
          if (f.type === 'checkbox') {
            return (
              <div className="form-group form-group-checkbox" key={f.name}>
                <input
                  className="form-checkbox"
                  type="checkbox"
                  id={id}
                  checked={values[f.name] === 'true'}
                  onChange={(e) => set(f.name, e.target.checked ? 'true' : '')}
                />
                <label htmlFor={id}>{f.label}</label>
              </div>
            );
          }
          if (f.type === 'file') {
            return (
              <div className="form-group" key={f.name}>
                <label className="form-label" htmlFor={id}>
                  {f.label}
                  {f.required ? ' *' : ''}
                </label>
                {f.hint && (
                  <span className="form-hint" id={hint}>
                    {f.hint}
                  </span>
                )}
                <input
                  key={fileKey}
                  type="file"
                  id={id}
                  name={f.name}
                  accept={f.accept}
                  aria-describedby={hint}
                  required={f.required}
                  onChange={(e) => setFiles({ ...files, [f.name]: e.target.files?.[0] })}
                />
              </div>
            );
          }
          const common = {
            id,
            value: values[f.name],
            'aria-describedby': hint,
            required: f.required,
            onChange: (e: { target: { value: string } }) => set(f.name, e.target.value),
          };
          return (
            <div className="form-group" key={f.name}>
              <label className="form-label" htmlFor={id}>
                {f.label}
                {f.required ? ' *' : ''}
              </label>
              {f.hint && (
                <span className="form-hint" id={hint}>
                  {f.hint}
                </span>
              )}
              {f.type === 'textarea' && <textarea className="form-input" rows={3} {...common} />}
              {f.type === 'select' && (
                <select className="form-select" {...common}>
                  {f.options!.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              )}
              {['text', 'date', 'number'].includes(f.type) && (
                <input className="form-input" type={f.type} {...common} />
              )}
              {f.type === 'datetime' && <input className="form-input" type="datetime-local" {...common} />}
            </div>
          );
        })}
        {error != null && (
          <ErrorAlert
            error={error}
            t={props.t}
            labels={Object.fromEntries(props.fields.map((f) => [f.name, f.label]))}
          />
        )}
        <button className="button button-primary" type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
      </form>
    </details>
  );
}

export const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
