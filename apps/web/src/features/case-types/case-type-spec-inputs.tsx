import { useT } from '../../i18n/i18n.js';
import { moveItem, removeItem, toggleListed } from './case-type-form.js';
import { fieldId } from './case-type-form-fields.js';
import { RowTools, shownText } from './case-type-row-tools.js';
import { CheckboxGroup, ListError, LocalizedInputs, Select, TextInput } from './case-type-inputs.js';
import {
  ANSWER_TYPES,
  FILE_TYPES,
  answerUses,
  emptyOption,
  keepsExactBytes,
  type AnswerForm,
  type AnswerType,
  type FilesForm,
  type OptionForm,
} from './case-type-requirement-specs.js';

/** Changes one part of the requirement being edited, in place (the editor clones the form around the change). */
type Change<T> = (change: (part: T) => void) => void;
type FocusLater = (id: string) => void;

const fileTypeKey = (type: string) => type.split('/')[1] ?? type;

function OptionItem(props: {
  path: string;
  option: OptionForm;
  index: number;
  count: number;
  set: Change<AnswerForm>;
  focusLater: FocusLater;
  listPath: string;
}) {
  const { t, locale } = useT();
  const { option: o, index: j, path } = props;
  const shown = shownText(o.label, locale);
  const title = shown ? t('caseTypes:optionNamed', { n: j + 1, name: shown }) : t('caseTypes:optionN', { n: j + 1 });
  const move = (delta: number) => {
    props.set((a) => void (a.options = moveItem(a.options, j, delta)));
    props.focusLater(`ct-${o.key}-${delta < 0 ? 'up' : 'down'}`);
  };
  const remove = () => {
    props.set((a) => void (a.options = removeItem(a.options, j)));
    props.focusLater(fieldId(props.listPath));
  };
  return (
    <li>
      <fieldset className="bo-ct-option">
        <legend className="form-label">{title}</legend>
        <RowTools itemKey={o.key} title={title} index={j} count={props.count} onMove={move} onRemove={remove} />
        <TextInput
          path={`${path}.value`}
          label={t('caseTypes:optionCode')}
          hint={t('caseTypes:optionCodeHint')}
          width="m"
          value={o.value}
          onChange={(v) => props.set((a) => void (a.options[j]!.value = v))}
        />
        <LocalizedInputs
          path={`${path}.label`}
          legend={t('caseTypes:optionLabel')}
          value={o.label}
          onChange={(v) => props.set((a) => void (a.options[j]!.label = v))}
        />
      </fieldset>
    </li>
  );
}

/** The fixed answers of a choice, in the order the applicant sees them; add, move and remove like the other lists. */
function OptionList(props: { path: string; options: OptionForm[]; set: Change<AnswerForm>; focusLater: FocusLater }) {
  const { t } = useT();
  const listPath = `${props.path}.options`;
  const add = () => {
    const option = emptyOption();
    props.set((a) => void a.options.push(option));
    props.focusLater(fieldId(`${listPath}[${props.options.length}].value`));
  };
  return (
    <fieldset className="bo-ct-options" aria-describedby={`${fieldId(listPath)}-hint`}>
      <legend className="form-label">{t('caseTypes:options')}</legend>
      <span className="form-hint" id={`${fieldId(listPath)}-hint`}>
        {t('caseTypes:optionsHint')}
      </span>
      {props.options.length === 0 && <p>{t('caseTypes:noOptions')}</p>}
      <ol className="bo-ct-option-list no-max-width">
        {props.options.map((o, j) => (
          <OptionItem
            key={o.key}
            path={`${listPath}[${j}]`}
            listPath={listPath}
            option={o}
            index={j}
            count={props.options.length}
            set={props.set}
            focusLater={props.focusLater}
          />
        ))}
      </ol>
      <ListError path={listPath} />
      <button type="button" className="button button-secondary" id={fieldId(listPath)} onClick={add}>
        {t('caseTypes:addOption')}
      </button>
    </fieldset>
  );
}

/** How an information requirement is answered: the type, and the settings that type takes. */
export function AnswerInputs(props: {
  path: string;
  value: AnswerForm;
  set: Change<AnswerForm>;
  focusLater: FocusLater;
}) {
  const { t } = useT();
  const a = props.value;
  const path = `${props.path}.answer`;
  const uses = answerUses(a.type);
  const types: [AnswerType | '', string][] = [
    ['', t('caseTypes:answerType_free')],
    ...ANSWER_TYPES.map((x): [AnswerType, string] => [x, t(`caseTypes:answerType_${x}`)]),
  ];
  return (
    <div className="bo-ct-spec">
      <Select
        path={`${path}.type`}
        label={t('caseTypes:answerType')}
        hint={t('caseTypes:answerTypeHint')}
        value={a.type}
        options={types}
        onChange={(v) => props.set((x) => void (x.type = v))}
      />
      {uses.options && <OptionList path={path} options={a.options} set={props.set} focusLater={props.focusLater} />}
      {uses.dateBounds && (
        <fieldset className="bo-ct-duration" aria-describedby={`${fieldId(`${path}.dateBounds`)}-hint`}>
          <legend className="form-label">{t('caseTypes:dateBounds')}</legend>
          <span className="form-hint" id={`${fieldId(`${path}.dateBounds`)}-hint`}>
            {t('caseTypes:dateBoundsHint')}
          </span>
          <div className="bo-ct-row">
            <TextInput
              path={`${path}.dateBounds.minYears`}
              label={t('caseTypes:minYears')}
              width="xs"
              value={a.minYears}
              onChange={(v) => props.set((x) => void (x.minYears = v))}
            />
            <TextInput
              path={`${path}.dateBounds.maxYears`}
              label={t('caseTypes:maxYears')}
              width="xs"
              value={a.maxYears}
              onChange={(v) => props.set((x) => void (x.maxYears = v))}
            />
          </div>
        </fieldset>
      )}
      {uses.maxLength && (
        <TextInput
          path={`${path}.maxLength`}
          label={t('caseTypes:maxLength')}
          hint={t('caseTypes:maxLengthHint')}
          width="s"
          inputMode="numeric"
          value={a.maxLength}
          onChange={(v) => props.set((x) => void (x.maxLength = v))}
        />
      )}
    </div>
  );
}

/** Which files a document requirement takes; nothing ticked and no size means the defaults. */
export function FileRuleInputs(props: { path: string; value: FilesForm; set: Change<FilesForm> }) {
  const { t, locale } = useT();
  const f = props.value;
  const path = `${props.path}.files`;
  const groupId = fieldId(`${path}.acceptedTypes`);
  const sizeHint = keepsExactBytes(f)
    ? `${t('caseTypes:maxMbHint')} ${t('caseTypes:maxMbExact', { bytes: new Intl.NumberFormat(locale).format(f.exact!.bytes) })}`
    : t('caseTypes:maxMbHint');
  return (
    <div className="bo-ct-spec">
      <CheckboxGroup
        path={`${path}.acceptedTypes`}
        legend={t('caseTypes:fileTypes')}
        hint={t('caseTypes:fileTypesHint')}
      >
        {FILE_TYPES.map((type) => (
          <div className="form-group-checkbox" key={type}>
            <input
              className="form-checkbox"
              type="checkbox"
              id={`${groupId}-${fileTypeKey(type)}`}
              checked={f.acceptedTypes.includes(type)}
              onChange={(e) =>
                props.set((x) => void (x.acceptedTypes = toggleListed(x.acceptedTypes, type, e.target.checked)))
              }
            />
            <label htmlFor={`${groupId}-${fileTypeKey(type)}`}>{t(`caseTypes:fileType_${fileTypeKey(type)}`)}</label>
          </div>
        ))}
      </CheckboxGroup>
      <TextInput
        path={`${path}.maxBytes`}
        label={t('caseTypes:maxMb')}
        hint={sizeHint}
        width="xs"
        inputMode="decimal"
        value={f.maxMb}
        onChange={(v) => props.set((x) => void (x.maxMb = v))}
      />
    </div>
  );
}
