import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useT, type Translate } from '../../i18n/i18n.js';
import { caseTypesApi } from './case-types-api.js';
import { DECISION_OUTCOMES, formToDefinition, toggleOutcome, type CaseTypeForm } from './case-type-form.js';
import {
  errorsByField,
  fieldId,
  fieldPaths,
  formHints,
  nearestField,
  pathParts,
  rowKeysOf,
  type FieldError,
} from './case-type-form-fields.js';
import {
  Checkbox,
  CheckboxGroup,
  DurationInputs,
  FieldErrors,
  LocalizedInputs,
  RadioGroup,
  Select,
  TextInput,
} from './case-type-inputs.js';
import { PhaseList, RequirementList, type Edit, type Unfolded } from './case-type-lists.js';
import { refusalErrors } from './case-type-refusal.js';

export interface UnitOption {
  code: string;
  label: string;
}
export interface PublishOutcome {
  code: string;
  version: number;
  published: boolean;
}

/** "Fase 2 › Forventet varighed › Antal": the server's path in words. */
function fieldLabel(path: string, t: Translate): string {
  return pathParts(path)
    .map((p) =>
      p.index === undefined
        ? t(`caseTypes:field_${p.name}`, { defaultValue: p.name })
        : t(`caseTypes:field_${p.name}_n`, { n: p.index + 1, defaultValue: `${p.name} ${p.index + 1}` }),
    )
    .join(' › ');
}

// Inline messages follow list positions; once rows or answer options are added, removed or moved they would point
// at the wrong row.
const listShape = (f: CaseTypeForm) =>
  [
    ...f.phases.map((p) => p.key),
    '|',
    ...f.requirements.map((r) => `${r.key}(${r.answer.options.map((o) => o.key).join(' ')})`),
  ].join(',');

function ErrorSummary(props: { errors: FieldError[]; known: string[]; reveal: (field: string) => void }) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [props.errors]);
  const jump = (e: MouseEvent, field: string) => {
    e.preventDefault();
    props.reveal(field);
  };
  const { byField } = errorsByField(props.errors, props.known);
  const fieldOf = new Map([...byField].flatMap(([field, list]) => list.map((e) => [e, field] as const)));
  return (
    <div
      className="alert alert-error"
      role="alert"
      aria-labelledby="ct-error-title"
      tabIndex={-1}
      ref={ref}
      data-testid="case-type-errors"
    >
      <div className="alert-body">
        <h3 className="alert-heading" id="ct-error-title">
          {t('caseTypes:notPublished')}
        </h3>
        <ul className="alert-text nobullet-list">
          {props.errors.map((e, i) => {
            const field = fieldOf.get(e);
            const text = (
              <>
                {e.path !== '(root)' && (
                  <>
                    {fieldLabel(e.path, t)} (<code>{e.path}</code>):{' '}
                  </>
                )}
                {e.message}
              </>
            );
            return (
              <li key={i}>
                {field ? (
                  <a className="function-link" href={`#${fieldId(field)}`} onClick={(ev) => jump(ev, field)}>
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

/**
 * The structured editor of one case-type definition. Publish sends the whole definition; the server's refusal is
 * listed above the form (each line names the field and links to it) and beside each input, and the form keeps
 * every edit, so the administrator corrects the value and publishes again.
 */
export function CaseTypeEditor(props: {
  initial: CaseTypeForm;
  isNew: boolean;
  heading: string;
  units: UnitOption[];
  onPublished: (r: PublishOutcome) => void;
  onClose: () => void;
}) {
  const { t } = useT();
  const [form, setForm] = useState(props.initial);
  const [errors, setErrors] = useState<{ list: FieldError[]; shape: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [showJson, setShowJson] = useState(false);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const [openRows, setOpenRows] = useState<ReadonlySet<string>>(
    () => new Set(props.isNew ? props.initial.phases.map((p) => p.key) : []),
  );
  const unfolded: Unfolded = {
    has: (key) => openRows.has(key),
    toggle: (key) =>
      setOpenRows((prev) => (prev.has(key) ? new Set([...prev].filter((k) => k !== key)) : new Set([...prev, key]))),
    open: (key) => setOpenRows((prev) => new Set([...prev, key])),
  };
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (!pendingFocus) return;
    const target = document.getElementById(pendingFocus);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
    setPendingFocus(null);
  }, [pendingFocus]);

  const edit: Edit = (change) =>
    setForm((prev) => {
      const next = structuredClone(prev);
      change(next);
      return next;
    });
  const known = useMemo(() => fieldPaths(form), [form]);
  const inline = useMemo(() => {
    if (!errors || errors.shape !== listShape(form)) return new Map<string, string[]>();
    const { byField } = errorsByField(errors.list, known);
    return new Map([...byField].map(([field, list]) => [field, list.map((e) => e.message)]));
  }, [errors, form, known]);

  const showErrors = (list: FieldError[]) => {
    setErrors({ list, shape: listShape(form) });
    const rows = rowKeysOf(
      list.map((e) => nearestField(e.path, known) ?? e.path),
      form,
    );
    setOpenRows((prev) => new Set([...prev, ...rows]));
  };
  const reveal = (field: string) => {
    setOpenRows((prev) => new Set([...prev, ...rowKeysOf([field], form)]));
    setPendingFocus(fieldId(field));
  };

  const publish = async () => {
    const hints = formHints(form);
    if (hints.length > 0) {
      showErrors(hints.map((h) => ({ path: h.path, message: t(`caseTypes:hint_${h.hint}`) })));
      return;
    }
    setBusy(true);
    try {
      const r = await caseTypesApi.publish(formToDefinition(form));
      setErrors(null);
      props.onPublished(r);
    } catch (err) {
      showErrors(refusalErrors(err, t));
    } finally {
      setBusy(false);
    }
  };

  const goal = form.serviceGoal;
  const unitOptions: [string, string][] = [
    ['', t('caseTypes:chooseUnit')],
    ...props.units.map((u): [string, string] => [u.code, u.label]),
  ];
  if (form.unitCode && !props.units.some((u) => u.code === form.unitCode))
    unitOptions.push([form.unitCode, form.unitCode]);
  return (
    <section aria-labelledby="ct-editor-heading" className="bo-ct-editor">
      <h2 id="ct-editor-heading" tabIndex={-1} ref={headingRef}>
        {props.heading}
      </h2>
      {errors && <ErrorSummary errors={errors.list} known={known} reveal={reveal} />}
      <FieldErrors.Provider value={inline}>
        <form onSubmit={(e) => e.preventDefault()} noValidate aria-labelledby="ct-editor-heading">
          <section aria-labelledby="ct-basics-heading" className="bo-ct-section">
            <h3 id="ct-basics-heading">{t('caseTypes:sectionBasics')}</h3>
            <TextInput
              path="code"
              label={t('caseTypes:code')}
              width="m"
              readOnly={!props.isNew}
              value={form.code}
              hint={props.isNew ? t('caseTypes:codeHint') : t('caseTypes:codeFixedHint')}
              onChange={(v) => edit((f) => void (f.code = v))}
            />
            <LocalizedInputs
              path="name"
              legend={t('caseTypes:name')}
              value={form.name}
              onChange={(v) => edit((f) => void (f.name = v))}
            />
            <TextInput
              path="topicCode"
              label={t('caseTypes:topicCode')}
              hint={t('caseTypes:topicCodeHint')}
              width="s"
              value={form.topicCode}
              onChange={(v) => edit((f) => void (f.topicCode = v))}
            />
            <TextInput
              path="legalBasis"
              label={t('caseTypes:legalBasis')}
              hint={t('caseTypes:legalBasisHint')}
              rows={2}
              value={form.legalBasis}
              onChange={(v) => edit((f) => void (f.legalBasis = v))}
            />
            <Select
              path="unitCode"
              label={t('caseTypes:unit')}
              hint={t('caseTypes:unitHint')}
              value={form.unitCode}
              options={unitOptions}
              onChange={(v) => edit((f) => void (f.unitCode = v))}
            />
          </section>

          <section aria-labelledby="ct-deadlines-heading" className="bo-ct-section">
            <h3 id="ct-deadlines-heading">{t('caseTypes:sectionDeadlines')}</h3>
            <DurationInputs
              path="legalMaximum"
              legend={t('caseTypes:legalMaximum')}
              hint={t('caseTypes:legalMaximumHint')}
              value={form.legalMaximum}
              onChange={(v) => edit((f) => void (f.legalMaximum = v))}
            />
            <DurationInputs
              path="serviceGoal.duration"
              legend={t('caseTypes:serviceGoal')}
              hint={t('caseTypes:serviceGoalHint')}
              value={goal.duration}
              onChange={(v) => edit((f) => void (f.serviceGoal.duration = v))}
            />
            <TextInput
              path="serviceGoal.targetShare"
              label={t('caseTypes:targetPercent')}
              hint={t('caseTypes:targetPercentHint')}
              width="xs"
              inputMode="decimal"
              value={goal.targetPercent}
              onChange={(v) => edit((f) => void (f.serviceGoal.targetPercent = v))}
            />
            <RadioGroup
              path="serviceGoal.clockStart"
              legend={t('caseTypes:clockStart')}
              value={goal.clockStart}
              onChange={(v) => edit((f) => void (f.serviceGoal.clockStart = v))}
              options={[
                ['on_receipt', t('caseTypes:clock_on_receipt')],
                ['when_fully_informed', t('caseTypes:clock_when_fully_informed')],
              ]}
            />
            <Checkbox
              path="serviceGoal.pauseWhileAwaitingApplicant"
              label={t('caseTypes:pause')}
              checked={goal.pauseWhileAwaitingApplicant}
              onChange={(v) => edit((f) => void (f.serviceGoal.pauseWhileAwaitingApplicant = v))}
            />
            <Checkbox
              path="serviceGoal.extension.allowed"
              label={t('caseTypes:extensionAllowed')}
              checked={goal.extensionAllowed}
              onChange={(v) => edit((f) => void (f.serviceGoal.extensionAllowed = v))}
            />
            {goal.extensionAllowed && (
              <DurationInputs
                path="serviceGoal.extension.maximum"
                legend={t('caseTypes:extensionMaximum')}
                value={goal.extensionMaximum}
                onChange={(v) => edit((f) => void (f.serviceGoal.extensionMaximum = v))}
              />
            )}
            <TextInput
              path="serviceGoal.warnAt"
              label={t('caseTypes:warnAt')}
              hint={t('caseTypes:warnAtHint')}
              width="s"
              value={goal.warnPercents}
              onChange={(v) => edit((f) => void (f.serviceGoal.warnPercents = v))}
            />
            <TextInput
              path="forecastWindowMonths"
              label={t('caseTypes:forecastWindowMonths')}
              hint={t('caseTypes:forecastWindowMonthsHint')}
              width="s"
              value={form.forecastWindowMonths}
              onChange={(v) => edit((f) => void (f.forecastWindowMonths = v))}
            />
          </section>

          <PhaseList phases={form.phases} edit={edit} focusLater={setPendingFocus} unfolded={unfolded} />
          <RequirementList
            requirements={form.requirements}
            edit={edit}
            focusLater={setPendingFocus}
            unfolded={unfolded}
          />

          <section aria-labelledby="ct-decision-heading" className="bo-ct-section">
            <h3 id="ct-decision-heading">{t('caseTypes:sectionDecision')}</h3>
            <CheckboxGroup path="outcomes" legend={t('caseTypes:outcomes')}>
              {DECISION_OUTCOMES.map((o) => (
                <div className="form-group-checkbox" key={o}>
                  <input
                    className="form-checkbox"
                    type="checkbox"
                    id={`ct-outcome-${o}`}
                    checked={form.outcomes.includes(o)}
                    onChange={(e) => edit((f) => void (f.outcomes = toggleOutcome(f.outcomes, o, e.target.checked)))}
                  />
                  <label htmlFor={`ct-outcome-${o}`}>{t(`cases:outcome_${o}`)}</label>
                </div>
              ))}
            </CheckboxGroup>
            <LocalizedInputs
              path="appeal.body"
              legend={t('caseTypes:appealBody')}
              hint={t('caseTypes:appealHint')}
              value={form.appeal.body}
              onChange={(v) => edit((f) => void (f.appeal.body = v))}
            />
            <DurationInputs
              path="appeal.deadline"
              legend={t('caseTypes:appealDeadline')}
              value={form.appeal.deadline}
              onChange={(v) => edit((f) => void (f.appeal.deadline = v))}
            />
          </section>

          <p className="bo-ct-actions">
            <button className="button button-primary" type="button" disabled={busy} onClick={() => void publish()}>
              {t('caseTypes:publish')}
            </button>{' '}
            <button className="button button-secondary" type="button" onClick={props.onClose}>
              {t('caseTypes:close')}
            </button>
          </p>
        </form>
      </FieldErrors.Provider>
      <details className="bo-action bo-ct-json" onToggle={(e) => setShowJson((e.target as HTMLDetailsElement).open)}>
        <summary>{t('caseTypes:viewJson')}</summary>
        {showJson && (
          <pre tabIndex={0} aria-label={t('caseTypes:viewJson')}>
            {JSON.stringify(formToDefinition(form), null, 2)}
          </pre>
        )}
      </details>
    </section>
  );
}
