import { useEffect, useState, type FormEvent } from 'react';
import type { TProcessModelDetail, TUnitNode } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { unitName, useSession } from '../../session/session.js';
import { unitsInTreeOrder } from '../../shell/unit-switcher.js';
import { workflowsApi } from './workflows-api.js';

function flatten(nodes: TUnitNode[], out: TUnitNode[] = []): TUnitNode[] {
  for (const n of nodes) {
    out.push(n);
    flatten(n.children, out);
  }
  return out;
}

/**
 * The unit a workflow belongs to, and for those who may change it, a choice of another of their own analyst units
 * to move it to (the server checks edit rights on both units).
 */
export function WorkflowUnit(props: { model: TProcessModelDetail; onMoved: (m: TProcessModelDetail) => void }) {
  const { t, locale } = useT();
  const { me } = useSession();
  const { model } = props;
  const [units, setUnits] = useState<TUnitNode[]>([]);
  const [target, setTarget] = useState(model.unitId ?? '');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    const ctl = new AbortController();
    workflowsApi.units(ctl.signal).then(
      (tree) => setUnits(flatten(tree)),
      (e: unknown) => !isAbort(e) && setError(e),
    );
    return () => ctl.abort();
  }, []);
  const owner = units.find((u) => u.id === model.unitId);
  const ownerName = owner ? unitName(owner, locale) : '–';
  const choices = unitsInTreeOrder(me.units.filter((u) => u.roles.includes('analyst') || u.roles.includes('admin')));
  const move = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const moved = await workflowsApi.update(model.id, { unitId: target });
      const name = units.find((u) => u.id === moved.unitId);
      setStatus(t('workflows:moved', { unit: name ? unitName(name, locale) : '' }));
      props.onMoved(moved);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-label={t('workflows:owningUnit')}>
      <p className="bo-meta">
        {t('workflows:owningUnit')}: {ownerName}
      </p>
      {!model.editable && <p className="bo-muted">{t('workflows:readOnlyOtherUnit')}</p>}
      {model.editable && choices.length > 1 && (
        <form onSubmit={(e) => void move(e)} className="bo-actions">
          <div className="form-group">
            <label className="form-label" htmlFor="wf-unit">
              {t('workflows:moveToUnit')}
            </label>
            <span className="form-hint" id="wf-unit-hint">
              {t('workflows:moveToUnitHint')}
            </span>
            <select
              className="form-select"
              id="wf-unit"
              aria-describedby="wf-unit-hint"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              {choices.map(({ unit, depth }) => (
                <option key={unit.id} value={unit.id}>
                  {'\u00a0\u00a0'.repeat(depth)}
                  {unitName(unit, locale)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary" disabled={target === model.unitId}>
            {t('workflows:moveSave')}
          </button>
        </form>
      )}
      <p role="status">{status}</p>
      {error != null && <ErrorAlert error={error} t={t} />}
    </section>
  );
}
