import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n.js';
import {
  emptyPhase,
  emptyRequirement,
  moveItem,
  removeItem,
  type CaseTypeForm,
  type PhaseForm,
  type RequirementForm,
} from './case-type-form.js';
import { fieldId, showsCondition } from './case-type-form-fields.js';
import {
  Checkbox,
  DurationInputs,
  ListError,
  LocalizedInputs,
  Select,
  TextInput,
  useHasErrorsUnder,
} from './case-type-inputs.js';
import { AnswerInputs, FileRuleInputs } from './case-type-spec-inputs.js';
import { RowTools, shownText } from './case-type-row-tools.js';

export type Edit = (change: (form: CaseTypeForm) => void) => void;
/** Asks the editor to put focus on an element once the change has rendered (rows move, so focus would be lost). */
export type FocusLater = (id: string) => void;
/** Which rows of the lists are unfolded, by row key; loaded rows start folded so a list reads as an outline. */
export interface Unfolded {
  has(key: string): boolean;
  toggle(key: string): void;
  open(key: string): void;
}

interface ListProps {
  edit: Edit;
  focusLater: FocusLater;
  unfolded: Unfolded;
}

/** One row as a DKFDS accordion item: the heading unfolds the fields; moving and removing stay in view. */
function ListItem(props: {
  itemKey: string;
  path: string;
  title: string;
  index: number;
  count: number;
  unfolded: Unfolded;
  onMove: (delta: number) => void;
  onRemove: () => void;
  children: ReactNode;
}) {
  const contentId = `ct-item-${props.itemKey}`;
  const open = props.unfolded.has(props.itemKey);
  const hasErrors = useHasErrorsUnder(props.path);
  return (
    <li className={hasErrors ? 'accordion-error' : undefined}>
      <h4>
        <button
          type="button"
          className="accordion-button"
          aria-expanded={open}
          aria-controls={contentId}
          onClick={() => props.unfolded.toggle(props.itemKey)}
        >
          <span className="accordion-title">{props.title}</span>
        </button>
      </h4>
      <RowTools
        itemKey={props.itemKey}
        title={props.title}
        index={props.index}
        count={props.count}
        onMove={props.onMove}
        onRemove={props.onRemove}
      />
      <div id={contentId} className="accordion-content" aria-hidden={!open}>
        {props.children}
      </div>
    </li>
  );
}

/** Move and remove for one row, keeping focus on the control the person used. */
function listActions(list: 'phases' | 'requirements', props: ListProps, index: number, key: string) {
  const change = (fn: <T>(items: readonly T[]) => T[]) =>
    props.edit((f) => {
      if (list === 'phases') f.phases = fn(f.phases);
      else f.requirements = fn(f.requirements);
    });
  return {
    onMove: (delta: number) => {
      change((items) => moveItem(items, index, delta));
      props.focusLater(`ct-${key}-${delta < 0 ? 'up' : 'down'}`);
    },
    onRemove: () => {
      change((items) => removeItem(items, index));
      props.focusLater(fieldId(list));
    },
  };
}

function PhaseFields(props: ListProps & { phase: PhaseForm; index: number; count: number }) {
  const { t, locale } = useT();
  const { phase: p, index: i } = props;
  const path = `phases[${i}]`;
  const name = shownText(p.name, locale);
  const title = name ? t('caseTypes:phaseNamed', { n: i + 1, name }) : t('caseTypes:phaseN', { n: i + 1 });
  const set = (change: (phase: PhaseForm) => void) => props.edit((f) => change(f.phases[i]!));
  return (
    <ListItem
      itemKey={p.key}
      path={path}
      title={title}
      index={i}
      count={props.count}
      unfolded={props.unfolded}
      {...listActions('phases', props, i, p.key)}
    >
      <TextInput
        path={`${path}.code`}
        label={t('caseTypes:phaseCode')}
        hint={t('caseTypes:codeFormat')}
        width="m"
        value={p.code}
        onChange={(v) => set((x) => void (x.code = v))}
      />
      <LocalizedInputs
        path={`${path}.name`}
        legend={t('caseTypes:phaseName')}
        value={p.name}
        onChange={(v) => set((x) => void (x.name = v))}
      />
      <LocalizedInputs
        path={`${path}.applicantText`}
        legend={t('caseTypes:applicantText')}
        hint={t('caseTypes:applicantTextHint')}
        rows={3}
        value={p.applicantText}
        onChange={(v) => set((x) => void (x.applicantText = v))}
      />
      <Checkbox
        path={`${path}.notifyApplicant`}
        label={t('caseTypes:notifyApplicant')}
        checked={p.notifyApplicant}
        onChange={(v) => set((x) => void (x.notifyApplicant = v))}
      />
      <DurationInputs
        path={`${path}.expectedDuration`}
        legend={t('caseTypes:expectedDuration')}
        hint={t('caseTypes:optionalDurationHint')}
        value={p.expectedDuration}
        onChange={(v) => set((x) => void (x.expectedDuration = v))}
      />
    </ListItem>
  );
}

function RequirementFields(props: ListProps & { requirement: RequirementForm; index: number; count: number }) {
  const { t, locale } = useT();
  const { requirement: r, index: i } = props;
  const path = `requirements[${i}]`;
  const label = shownText(r.label, locale);
  const title = label
    ? t('caseTypes:requirementNamed', { n: i + 1, name: label })
    : t('caseTypes:requirementN', { n: i + 1 });
  const set = (change: (req: RequirementForm) => void) => props.edit((f) => change(f.requirements[i]!));
  return (
    <ListItem
      itemKey={r.key}
      path={path}
      title={title}
      index={i}
      count={props.count}
      unfolded={props.unfolded}
      {...listActions('requirements', props, i, r.key)}
    >
      <TextInput
        path={`${path}.code`}
        label={t('caseTypes:requirementCode')}
        hint={t('caseTypes:codeFormat')}
        width="m"
        value={r.code}
        onChange={(v) => set((x) => void (x.code = v))}
      />
      <div className="bo-ct-row">
        <Select
          path={`${path}.kind`}
          label={t('caseTypes:kind')}
          value={r.kind}
          onChange={(v) => set((x) => void (x.kind = v))}
          options={[
            ['information', t('caseTypes:kind_information')],
            ['document', t('caseTypes:kind_document')],
          ]}
        />
        <Select
          path={`${path}.necessity`}
          label={t('caseTypes:necessity')}
          value={r.necessity}
          onChange={(v) => set((x) => void (x.necessity = v))}
          options={[
            ['mandatory', t('caseTypes:necessity_mandatory')],
            ['conditional', t('caseTypes:necessity_conditional')],
          ]}
        />
      </div>
      {showsCondition(r) && (
        <LocalizedInputs
          path={`${path}.condition`}
          legend={t('caseTypes:condition')}
          hint={t('caseTypes:conditionHint')}
          value={r.condition}
          onChange={(v) => set((x) => void (x.condition = v))}
        />
      )}
      <LocalizedInputs
        path={`${path}.label`}
        legend={t('caseTypes:requirementLabel')}
        value={r.label}
        onChange={(v) => set((x) => void (x.label = v))}
      />
      <LocalizedInputs
        path={`${path}.why`}
        legend={t('caseTypes:why')}
        hint={t('caseTypes:whyHint')}
        rows={2}
        value={r.why}
        onChange={(v) => set((x) => void (x.why = v))}
      />
      <LocalizedInputs
        path={`${path}.example`}
        legend={t('caseTypes:example')}
        rows={2}
        value={r.example}
        onChange={(v) => set((x) => void (x.example = v))}
      />
      {r.kind === 'information' ? (
        <AnswerInputs
          path={path}
          value={r.answer}
          set={(change) => set((x) => change(x.answer))}
          focusLater={props.focusLater}
        />
      ) : (
        <FileRuleInputs path={path} value={r.files} set={(change) => set((x) => change(x.files))} />
      )}
    </ListItem>
  );
}

function ListSection(props: {
  list: 'phases' | 'requirements';
  heading: string;
  hint: string;
  empty?: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode[];
}) {
  return (
    <section aria-labelledby={`ct-${props.list}-heading`} className="bo-ct-section">
      <h3 id={`ct-${props.list}-heading`}>{props.heading}</h3>
      <p className="form-hint">{props.hint}</p>
      {props.children.length === 0 && props.empty && <p>{props.empty}</p>}
      <ol className="accordion bo-ct-list">{props.children}</ol>
      <ListError path={props.list} />
      <button type="button" className="button button-secondary" id={fieldId(props.list)} onClick={props.onAdd}>
        {props.addLabel}
      </button>
    </section>
  );
}

export function PhaseList(props: ListProps & { phases: PhaseForm[] }) {
  const { t } = useT();
  const add = () => {
    const phase = emptyPhase();
    props.edit((f) => void f.phases.push(phase));
    props.unfolded.open(phase.key);
    props.focusLater(fieldId(`phases[${props.phases.length}].code`));
  };
  return (
    <ListSection
      list="phases"
      heading={t('caseTypes:sectionPhases')}
      hint={t('caseTypes:phasesHint')}
      addLabel={t('caseTypes:addPhase')}
      onAdd={add}
    >
      {props.phases.map((p, i) => (
        <PhaseFields key={p.key} {...props} phase={p} index={i} count={props.phases.length} />
      ))}
    </ListSection>
  );
}

export function RequirementList(props: ListProps & { requirements: RequirementForm[] }) {
  const { t } = useT();
  const add = () => {
    const requirement = emptyRequirement();
    props.edit((f) => void f.requirements.push(requirement));
    props.unfolded.open(requirement.key);
    props.focusLater(fieldId(`requirements[${props.requirements.length}].code`));
  };
  return (
    <ListSection
      list="requirements"
      heading={t('caseTypes:sectionRequirements')}
      hint={t('caseTypes:requirementsHint')}
      empty={t('caseTypes:noRequirements')}
      addLabel={t('caseTypes:addRequirement')}
      onAdd={add}
    >
      {props.requirements.map((r, i) => (
        <RequirementFields key={r.key} {...props} requirement={r} index={i} count={props.requirements.length} />
      ))}
    </ListSection>
  );
}
