import { createContext, useContext, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n.js';
import { DURATION_UNITS, type DurationForm, type TextForm } from './case-type-form.js';
import { fieldId } from './case-type-form-fields.js';

/**
 * The case-type editor's inputs. Each takes the field's path as the server names it; the id, the hint, and the
 * server's message for that field (from FieldErrors) all follow from the path, so a refusal shows beside its input.
 */
export const FieldErrors = createContext<ReadonlyMap<string, string[]>>(new Map());

function useFieldError(path: string) {
  const messages = useContext(FieldErrors).get(path);
  const id = fieldId(path);
  return { id, messages, errorId: messages ? `${id}-error` : undefined };
}

/** True when the server named a field inside this part of the form (e.g. "phases[2]"). */
export function useHasErrorsUnder(prefix: string): boolean {
  const errors = useContext(FieldErrors);
  return [...errors.keys()].some((path) => path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
}

const describedBy = (...ids: (string | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function ErrorLine(props: { id?: string; messages?: string[] }) {
  const { t } = useT();
  if (!props.id || !props.messages) return null;
  return (
    <span className="form-error-message" id={props.id}>
      <span className="sr-only">{t('caseTypes:errorPrefix')} </span>
      {props.messages.join('; ')}
    </span>
  );
}

/** A form group with its label, hint and the server's message above the control, as DKFDS lays them out. */
function LabelledField(props: {
  id: string;
  label: string;
  hint?: string;
  hintId?: string;
  errorId?: string;
  messages?: string[];
  children: ReactNode;
}) {
  return (
    <div className={`form-group${props.messages ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <span className="form-hint" id={props.hintId}>
          {props.hint}
        </span>
      )}
      <ErrorLine id={props.errorId} messages={props.messages} />
      {props.children}
    </div>
  );
}

export function TextInput(props: {
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  rows?: number;
  width?: 'xs' | 's' | 'm' | 'l' | 'xl';
  readOnly?: boolean;
  inputMode?: 'numeric' | 'decimal';
}) {
  const { id, messages, errorId } = useFieldError(props.path);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const common = {
    id,
    value: props.value,
    readOnly: props.readOnly,
    'aria-describedby': describedBy(hintId, errorId),
    'aria-invalid': messages ? true : undefined,
    onChange: (e: { target: { value: string } }) => props.onChange(e.target.value),
  };
  return (
    <LabelledField id={id} label={props.label} hint={props.hint} hintId={hintId} errorId={errorId} messages={messages}>
      {props.rows ? (
        <textarea className="form-input" rows={props.rows} {...common} />
      ) : (
        <input
          className={`form-input${props.width ? ` input-width-${props.width}` : ''}`}
          type="text"
          inputMode={props.inputMode}
          {...common}
        />
      )}
    </LabelledField>
  );
}

/** Danish, English and (optional) Swedish side by side under one legend. */
export function LocalizedInputs(props: {
  path: string;
  legend: string;
  value: TextForm;
  onChange: (v: TextForm) => void;
  hint?: string;
  rows?: number;
}) {
  const { t } = useT();
  const hintId = props.hint ? `${fieldId(props.path)}-hint` : undefined;
  return (
    <fieldset className="bo-ct-localized" aria-describedby={hintId}>
      <legend className="form-label">{props.legend}</legend>
      {props.hint && (
        <span className="form-hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <div className="bo-ct-languages">
        {(['da', 'en', 'sv'] as const).map((lang) => (
          <TextInput
            key={lang}
            path={`${props.path}.${lang}`}
            label={t(`caseTypes:lang_${lang}`)}
            rows={props.rows}
            value={props.value[lang]}
            onChange={(v) => props.onChange({ ...props.value, [lang]: v })}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** An amount and its unit; an empty amount means "none" where that is allowed. */
export function DurationInputs(props: {
  path: string;
  legend: string;
  value: DurationForm;
  onChange: (v: DurationForm) => void;
  hint?: string;
}) {
  const { t } = useT();
  const unit = useFieldError(`${props.path}.unit`);
  const hintId = props.hint ? `${fieldId(props.path)}-hint` : undefined;
  return (
    <fieldset className="bo-ct-duration" aria-describedby={hintId}>
      <legend className="form-label">{props.legend}</legend>
      {props.hint && (
        <span className="form-hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <div className="bo-ct-row">
        <TextInput
          path={`${props.path}.amount`}
          label={t('caseTypes:amount')}
          width="xs"
          inputMode="numeric"
          value={props.value.amount}
          onChange={(amount) => props.onChange({ ...props.value, amount })}
        />
        <div className={`form-group${unit.messages ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={unit.id}>
            {t('caseTypes:durationUnit')}
          </label>
          <ErrorLine id={unit.errorId} messages={unit.messages} />
          <select
            className="form-select"
            id={unit.id}
            value={props.value.unit}
            aria-describedby={unit.errorId}
            onChange={(e) => props.onChange({ ...props.value, unit: e.target.value as DurationForm['unit'] })}
          >
            {DURATION_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`cases:unit_${u}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

export function Checkbox(props: { path: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const { id, messages, errorId } = useFieldError(props.path);
  return (
    <div className={`form-group form-group-checkbox${messages ? ' form-error' : ''}`}>
      <ErrorLine id={errorId} messages={messages} />
      <input
        className="form-checkbox"
        type="checkbox"
        id={id}
        checked={props.checked}
        aria-describedby={errorId}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

export function Select<V extends string>(props: {
  path: string;
  label: string;
  value: V;
  options: [V, string][];
  onChange: (v: V) => void;
  hint?: string;
}) {
  const { id, messages, errorId } = useFieldError(props.path);
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <LabelledField id={id} label={props.label} hint={props.hint} hintId={hintId} errorId={errorId} messages={messages}>
      <select
        className="form-select"
        id={id}
        value={props.value}
        aria-describedby={describedBy(hintId, errorId)}
        onChange={(e) => props.onChange(e.target.value as V)}
      >
        {props.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** Radio buttons under a legend; the first button carries the path's id, so an error link lands on it. */
export function RadioGroup<V extends string>(props: {
  path: string;
  legend: string;
  value: V;
  options: [V, string][];
  onChange: (v: V) => void;
}) {
  const { id, messages, errorId } = useFieldError(props.path);
  return (
    <div className={`form-group${messages ? ' form-error' : ''}`}>
      <fieldset aria-describedby={errorId}>
        <legend className="form-label">{props.legend}</legend>
        <ErrorLine id={errorId} messages={messages} />
        {props.options.map(([v, label], i) => {
          const optionId = i === 0 ? id : `${id}-${v}`;
          return (
            <div className="form-group-radio" key={v}>
              <input
                className="form-radio"
                type="radio"
                id={optionId}
                name={id}
                value={v}
                checked={props.value === v}
                onChange={() => props.onChange(v)}
              />
              <label className="form-label" htmlFor={optionId}>
                {label}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** A group of checkboxes under one legend, with one error line for the group. */
export function CheckboxGroup(props: { path: string; legend: string; hint?: string; children: ReactNode }) {
  const { id, messages, errorId } = useFieldError(props.path);
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div className={`form-group${messages ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(hintId, errorId)} id={id} tabIndex={-1}>
        <legend className="form-label">{props.legend}</legend>
        {props.hint && (
          <span className="form-hint" id={hintId}>
            {props.hint}
          </span>
        )}
        <ErrorLine id={errorId} messages={messages} />
        {props.children}
      </fieldset>
    </div>
  );
}

/** A list's error line (e.g. "needs at least one phase"), placed beside the list's add button. */
export function ListError(props: { path: string }) {
  const { messages, errorId } = useFieldError(props.path);
  return messages ? (
    <div className="form-error">
      <ErrorLine id={errorId} messages={messages} />
    </div>
  ) : null;
}
