import { useState, type FormEvent } from 'react';
import type { Translate } from '../../i18n/i18n.js';

export interface Field {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'datetime' | 'select' | 'radio' | 'checkbox' | 'number';
  options?: [string, string][];
  required?: boolean;
  hint?: string;
  initial?: string;
}

export type Values = Record<string, string>;

/**
 * One case action as a plain form inside a disclosure: labelled fields, hints tied to their inputs, and the
 * server's refusal shown beside the form (the message names the field).
 */
export function ActionForm(props: {
  id: string; title: string; fields: Field[]; submitLabel: string; t: Translate; open?: boolean;
  onSubmit: (values: Values) => Promise<void>;
}) {
  const initial = Object.fromEntries(props.fields.map((f) => [f.name, f.initial ?? (f.type === 'checkbox' ? '' : f.options?.[0]?.[0] ?? '')]));
  const [values, setValues] = useState<Values>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(values);
      setValues(initial);
    } catch (err) {
      setError((err as Error).message);
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
                    <input className="form-radio" type="radio" id={`${id}-${v}`} name={id} value={v} checked={values[f.name] === v} onChange={() => set(f.name, v)} />
                    <label htmlFor={`${id}-${v}`}>{l}</label>
                  </div>
                ))}
              </fieldset>
            );
          }
          if (f.type === 'checkbox') {
            return (
              <div className="form-group form-group-checkbox" key={f.name}>
                <input className="form-checkbox" type="checkbox" id={id} checked={values[f.name] === 'true'} onChange={(e) => set(f.name, e.target.checked ? 'true' : '')} />
                <label htmlFor={id}>{f.label}</label>
              </div>
            );
          }
          const common = { id, value: values[f.name], 'aria-describedby': hint, required: f.required, onChange: (e: { target: { value: string } }) => set(f.name, e.target.value) };
          return (
            <div className="form-group" key={f.name}>
              <label className="form-label" htmlFor={id}>{f.label}{f.required ? ' *' : ''}</label>
              {f.hint && <span className="form-hint" id={hint}>{f.hint}</span>}
              {f.type === 'textarea' && <textarea className="form-input" rows={3} {...common} />}
              {f.type === 'select' && (
                <select className="form-select" {...common}>
                  {f.options!.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                </select>
              )}
              {['text', 'date', 'number'].includes(f.type) && <input className="form-input" type={f.type} {...common} />}
              {f.type === 'datetime' && <input className="form-input" type="datetime-local" {...common} />}
            </div>
          );
        })}
        {error && <div className="alert alert-error" role="alert"><div className="alert-body"><p className="alert-text">{error}</p></div></div>}
        <button className="button button-primary" type="submit" disabled={busy}>{props.submitLabel}</button>
      </form>
    </details>
  );
}

export const lines = (text: string | undefined) => (text ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
