import './admin.css';
import { useEffect, useState, type FormEvent } from 'react';
import type { TUserView } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { Link, navigate, useLocation } from '../../router/router.js';
import { adminApi, type UserKind } from './admin-api.js';
import { roleName, unitLabel } from './admin-format.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { isAbort } from '../../errors/error-text.js';
import { useUnits } from './use-units.js';

const PAGE = 100;
const KINDS: UserKind[] = ['staff', 'applicant', 'all'];

/** The people the admin administers, searchable by name, user name or e-mail, with their roles per unit. */
export function UsersPage() {
  const { t, locale } = useT();
  const location = useLocation();
  const units = useUnits();
  const q = location.searchParams.get('q') ?? '';
  const kindParam = location.searchParams.get('kind') as UserKind | null;
  const kind: UserKind = kindParam && KINDS.includes(kindParam) ? kindParam : 'staff';
  const [draft, setDraft] = useState({ q, kind });
  const [users, setUsers] = useState<TUserView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => setDraft({ q, kind }), [q, kind]);
  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    // One more than a page tells whether the search should be narrowed.
    adminApi
      .users({ q: q || undefined, kind, limit: PAGE + 1 }, ctl.signal)
      .then(setUsers, (e: unknown) => !isAbort(e) && setError(e));
    return () => ctl.abort();
  }, [q, kind]);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    if (draft.q.trim()) params.set('q', draft.q.trim());
    if (draft.kind !== 'staff') params.set('kind', draft.kind);
    const search = params.toString();
    navigate(`/app/admin/users${search ? `?${search}` : ''}`);
  };
  const shown = users?.slice(0, PAGE) ?? [];
  const grantsText = (u: TUserView) =>
    u.grants.map(
      (g) => `${roleName(g.role, t)} – ${unitLabel(units.byId.get(g.unitId), locale, t('admin:unknownUnit'))}`,
    );

  return (
    <>
      <h1>{t('admin:usersTitle')}</h1>
      <p className="font-lead">{t('admin:usersIntro')}</p>
      <p>
        <Link className="button button-primary" href="/app/admin/users/new">
          {t('admin:newUser')}
        </Link>
      </p>
      <form className="bo-filter" role="search" aria-label={t('admin:searchUsers')} onSubmit={onSearch}>
        <div className="form-group">
          <label className="form-label" htmlFor="users-q">
            {t('admin:searchLabel')}
          </label>
          <span className="form-hint" id="users-q-hint">
            {t('admin:searchHint')}
          </span>
          <input
            className="form-input"
            id="users-q"
            type="search"
            aria-describedby="users-q-hint"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        {units.authorityWide && (
          <div className="form-group">
            <label className="form-label" htmlFor="users-kind">
              {t('admin:kind')}
            </label>
            <select
              className="form-select"
              id="users-kind"
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as UserKind })}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`admin:kindFilter_${k}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button className="button button-secondary" type="submit">
          {t('admin:search')}
        </button>
      </form>
      {error != null && <ErrorAlert error={error} t={t} />}
      <p role="status">
        {users === null
          ? t('admin:loading')
          : users.length > PAGE
            ? t('admin:usersMore', { n: PAGE })
            : t('admin:usersCount', { count: users.length })}
      </p>
      {users !== null && shown.length > 0 && (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <caption>{q ? t('admin:usersCaptionSearch', { q }) : t('admin:usersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin:name')}</th>
                <th scope="col">{t('admin:username')}</th>
                <th scope="col">{t('admin:kind')}</th>
                <th scope="col">{t('admin:status')}</th>
                <th scope="col">{t('admin:roles')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link href={`/app/admin/users/${u.id}`}>{u.displayName}</Link>
                  </th>
                  <td>{u.username ?? '–'}</td>
                  <td>{t(`admin:kind_${u.kind}`)}</td>
                  <td>{u.active ? t('admin:active') : <strong>{t('admin:inactive')}</strong>}</td>
                  <td>
                    {u.grants.length === 0 ? (
                      '–'
                    ) : (
                      <ul className="bo-compact-list">
                        {grantsText(u).map((text, i) => (
                          <li key={i}>{text}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
