import { useState, type FormEvent } from 'react';
import { authApi, type MeUnit } from '../api/auth-api.js';
import { useT } from '../i18n/i18n.js';
import { errorSentence } from '../errors/error-text.js';
import { unitName, useSession } from '../session/session.js';

/** Units in tree order, each with its depth, so the list reads like the organisation chart. */
export function unitsInTreeOrder(units: MeUnit[]): { unit: MeUnit; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, MeUnit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { unit: MeUnit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.nameDa.localeCompare(b.nameDa, 'da'));
    for (const unit of list) {
      out.push({ unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Choose the unit to work in; a plain form with a button, so nothing changes before the person asks. */
export function UnitSwitcher(props: { onMessage: (message: string) => void }) {
  const { me, refresh } = useSession();
  const { t, locale } = useT();
  const [value, setValue] = useState(me.activeUnitId ?? '');
  const [busy, setBusy] = useState(false);
  if (me.units.length === 0) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await authApi.setActiveUnit(value || null);
      await refresh();
      const unit = me.units.find((u) => u.id === value);
      props.onMessage(t('unitSwitched', { unit: unit ? unitName(unit, locale) : t('unitAll') }));
    } catch (err) {
      props.onMessage(t('unitSwitchFailed', { message: errorSentence(err, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-unit-switcher" onSubmit={submit}>
      <div className="form-group">
        <label className="form-label" htmlFor="active-unit">
          {t('unitLabel')}
        </label>
        <select className="form-select" id="active-unit" value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="">{t('unitAll')}</option>
          {unitsInTreeOrder(me.units).map(({ unit, depth }) => (
            <option key={unit.id} value={unit.id}>
              {'\u00a0\u00a0'.repeat(depth)}
              {unitName(unit, locale)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary" disabled={busy}>
        {t('unitSubmit')}
      </button>
    </form>
  );
}
