import { useEffect, useState } from 'react';
import type { TUserView } from '@sagsgang/contracts';
import type { Translate } from '../../i18n/i18n.js';
import { adminApi } from './admin-api.js';

const MATCHES = 20;

/**
 * Choose one person by searching: a search field, then a plain select of the matches (keyboard and screen
 * readers use both as they know them). The chosen person stays an option while the search changes.
 */
export function PersonPicker(props: {
  id: string;
  legend: string;
  value: string;
  onChange: (id: string) => void;
  t: Translate;
  includeApplicants: boolean;
}) {
  const { id, value, t } = props;
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<TUserView[] | null>(null);
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);

  // A person chosen elsewhere (the address bar, a link from the user page) is named once.
  useEffect(() => {
    if (!value || chosen?.id === value) return;
    const known = matches?.find((u) => u.id === value);
    if (known) return setChosen({ id: value, name: known.displayName });
    const ctl = new AbortController();
    adminApi.user(value, ctl.signal).then(
      (u) => setChosen({ id: value, name: u.displayName }),
      () => setChosen({ id: value, name: value }),
    );
    return () => ctl.abort();
  }, [value, chosen, matches]);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) return setMatches(null);
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      adminApi
        .users({ q: text, kind: props.includeApplicants ? 'all' : 'staff', limit: MATCHES }, ctl.signal)
        .then(setMatches, () => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, props.includeApplicants]);

  const options = [
    ...(chosen && value === chosen.id && !matches?.some((u) => u.id === value)
      ? [{ id: chosen.id, label: chosen.name }]
      : []),
    ...(matches ?? []).map((u) => ({
      id: u.id,
      label: u.username ? `${u.displayName} (${u.username})` : u.displayName,
    })),
  ];
  const choose = (next: string) => {
    const match = matches?.find((u) => u.id === next);
    setChosen(match ? { id: next, name: match.displayName } : null);
    props.onChange(next);
  };
  return (
    <fieldset className="bo-person-picker">
      <legend className="form-label">{props.legend}</legend>
      <div className="form-group">
        <label className="form-label bo-sub-label" htmlFor={`${id}-q`}>
          {t('admin:pickerSearch')}
        </label>
        <input
          className="form-input"
          id={`${id}-q`}
          type="search"
          value={q}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
          aria-describedby={`${id}-found`}
        />
        <span className="form-hint" id={`${id}-found`} role="status">
          {matches === null ? t('admin:pickerHint') : t('admin:pickerFound', { count: matches.length })}
        </span>
      </div>
      <div className="form-group">
        <label className="form-label bo-sub-label" htmlFor={id}>
          {t('admin:pickerChoose')}
        </label>
        <select className="form-select" id={id} value={value} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('admin:anyone')}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
