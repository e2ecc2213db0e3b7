import { useT } from '../../i18n/i18n.js';

/** A row's own name as the reader sees it in the list (Danish, or English for an English reader), trimmed. */
export const shownText = (text: { da: string; en: string }, locale: string) =>
  (locale === 'en' ? text.en : text.da).trim();

/**
 * Move up, move down and remove for one row of a list. The buttons carry the row's title for screen readers, and
 * the move buttons have ids from the row's key, so focus can follow the row to its new place.
 */
export function RowTools(props: {
  itemKey: string;
  title: string;
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { t } = useT();
  const sr = <span className="sr-only"> {props.title}</span>;
  return (
    <p className="bo-ct-row-tools">
      <button
        type="button"
        className="function-link"
        id={`ct-${props.itemKey}-up`}
        disabled={props.index === 0}
        onClick={() => props.onMove(-1)}
      >
        {t('caseTypes:moveUp')}
        {sr}
      </button>
      <button
        type="button"
        className="function-link"
        id={`ct-${props.itemKey}-down`}
        disabled={props.index === props.count - 1}
        onClick={() => props.onMove(1)}
      >
        {t('caseTypes:moveDown')}
        {sr}
      </button>
      <button type="button" className="function-link" onClick={props.onRemove}>
        {t('caseTypes:remove')}
        {sr}
      </button>
    </p>
  );
}
