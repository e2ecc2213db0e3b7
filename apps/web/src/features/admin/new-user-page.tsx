import './admin.css';
import { useState, type FormEvent } from 'react';
import type { TCreateUserRequest, TStaffRole } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { Link, navigate } from '../../router/router.js';
import { adminApi } from './admin-api.js';
import { indent, roleName, unitLabel } from './admin-format.js';
import { ErrorSummary, issueMessage, RemoveButton, SelectField, TextField, useAction } from './form-fields.js';
import { STAFF_ROLES } from './user-forms.js';
import { useUnits } from './use-units.js';

interface GrantRow {
  key: number;
  role: TStaffRole;
  unitId: string;
}

/**
 * A new staff user with at least one role. A password is optional: without one the person signs in only through
 * the authority's identity provider. What the server refuses is marked at its field, and what was typed stays.
 */
export function NewUserPage() {
  const { t, locale } = useT();
  const units = useUnits();
  const [values, setValues] = useState({ username: '', displayName: '', email: '', locale: 'da', password: '' });
  const [grants, setGrants] = useState<GrantRow[]>([{ key: 0, role: 'caseworker', unitId: '' }]);
  const action = useAction();
  const set = (name: keyof typeof values) => (value: string) => setValues({ ...values, [name]: value });
  const unitOf = (row: GrantRow) => row.unitId || units.grantable[0]?.id || '';
  const setRow = (key: number, change: Partial<GrantRow>) =>
    setGrants(grants.map((g) => (g.key === key ? { ...g, ...change } : g)));

  const fields: Record<string, { id: string; label: string }> = {
    username: { id: 'user-username', label: t('admin:username') },
    displayName: { id: 'user-name', label: t('admin:displayName') },
    email: { id: 'user-email', label: t('admin:email') },
    locale: { id: 'user-locale', label: t('admin:language') },
    password: { id: 'user-password', label: t('admin:password') },
    grants: { id: 'grant-0-role', label: t('admin:roles') },
  };
  grants.forEach((_, i) => {
    fields[`grants/${i}/role`] = { id: `grant-${i}-role`, label: t('admin:roleNumber', { n: i + 1 }) };
    fields[`grants/${i}/unitId`] = { id: `grant-${i}-unit`, label: t('admin:unitNumber', { n: i + 1 }) };
  });
  const error = (field: string) => issueMessage(action.issues.get(field), t);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body: TCreateUserRequest = {
      username: values.username,
      displayName: values.displayName,
      email: values.email.trim() || undefined,
      locale: values.locale as TCreateUserRequest['locale'],
      password: values.password || undefined,
      grants: grants.map((g) => ({ role: g.role, unitId: unitOf(g) })),
    };
    await action.run(async () => {
      const { id } = await adminApi.createUser(body);
      navigate(`/app/admin/users/${id}?created=1`);
    });
  };

  return (
    <>
      <p>
        <Link className="back-link" href="/app/admin/users">
          {t('admin:backToUsers')}
        </Link>
      </p>
      <h1>{t('admin:newUserTitle')}</h1>
      <p className="font-lead">{t('admin:newUserIntro')}</p>
      <form onSubmit={onSubmit} noValidate aria-label={t('admin:newUserTitle')} className="bo-admin-form">
        <ErrorSummary action={action} fields={fields} t={t} />
        <TextField
          {...fields.username!}
          t={t}
          required
          autoComplete="off"
          hint={t('admin:usernameHint')}
          value={values.username}
          onChange={set('username')}
          error={error('username')}
        />
        <TextField
          {...fields.displayName!}
          t={t}
          required
          autoComplete="off"
          value={values.displayName}
          onChange={set('displayName')}
          error={error('displayName')}
        />
        <TextField
          {...fields.email!}
          t={t}
          type="email"
          autoComplete="off"
          value={values.email}
          onChange={set('email')}
          error={error('email')}
        />
        <SelectField
          {...fields.locale!}
          t={t}
          value={values.locale}
          onChange={set('locale')}
          error={error('locale')}
          options={['da', 'en'].map((l) => ({ value: l, label: t(`admin:locale_${l}`) }))}
        />
        <TextField
          {...fields.password!}
          t={t}
          type="password"
          autoComplete="new-password"
          hint={t('admin:newUserPasswordHint')}
          value={values.password}
          onChange={set('password')}
          error={error('password')}
        />
        <fieldset className="bo-grant-rows">
          <legend className="h4">{t('admin:roles')}</legend>
          {error('grants') && (
            <p className="form-error-message" id="grants-error">
              {error('grants')}
            </p>
          )}
          {grants.map((g, i) => (
            <div className="bo-filter" key={g.key}>
              <SelectField
                {...fields[`grants/${i}/role`]!}
                t={t}
                value={g.role}
                onChange={(v) => setRow(g.key, { role: v as TStaffRole })}
                error={error(`grants/${i}/role`)}
                options={STAFF_ROLES.map((r) => ({ value: r, label: roleName(r, t) }))}
              />
              <SelectField
                {...fields[`grants/${i}/unitId`]!}
                t={t}
                value={unitOf(g)}
                onChange={(v) => setRow(g.key, { unitId: v })}
                error={error(`grants/${i}/unitId`)}
                options={units.grantable.map((u) => ({
                  value: u.id,
                  label: indent(u.depth) + unitLabel(u, locale, u.id),
                }))}
              />
              {grants.length > 1 && (
                <RemoveButton
                  t={t}
                  onClick={() => setGrants(grants.filter((x) => x.key !== g.key))}
                  label={t('admin:removeRoleRow', { n: i + 1 })}
                />
              )}
            </div>
          ))}
          <button
            className="button button-secondary"
            type="button"
            onClick={() =>
              setGrants([...grants, { key: Math.max(...grants.map((x) => x.key)) + 1, role: 'caseworker', unitId: '' }])
            }
          >
            {t('admin:addRoleRow')}
          </button>
        </fieldset>
        <p>
          <button className="button button-primary" type="submit" disabled={action.busy}>
            {t('admin:createUser')}
          </button>
        </p>
      </form>
    </>
  );
}
