import { useState, type FormEvent } from 'react';
import type { TStaffRole, TUserView } from '@sagsgang/contracts';
import type { Translate } from '../../i18n/i18n.js';
import { adminApi } from './admin-api.js';
import { indent, roleName, unitLabel } from './admin-format.js';
import { ErrorSummary, issueMessage, RemoveButton, SelectField, TextField, useAction } from './form-fields.js';
import type { useUnits } from './use-units.js';

export const STAFF_ROLES: TStaffRole[] = ['caseworker', 'teamlead', 'frontline', 'quality', 'analyst', 'admin'];

interface Props {
  user: TUserView;
  t: Translate;
  locale: string;
  /** Reloads the user and says what was done. */
  onDone: (message: string) => Promise<void>;
}

/** The user's roles, each removable, and a form to give another role on a unit the admin administers. */
export function GrantsSection(props: Props & { units: ReturnType<typeof useUnits> }) {
  const { user, t, locale, units } = props;
  const [role, setRole] = useState<TStaffRole>('caseworker');
  const [unitId, setUnitId] = useState('');
  const add = useAction();
  const remove = useAction();
  const chosenUnit = unitId || units.grantable[0]?.id || '';
  const unitName = (id: string) => unitLabel(units.byId.get(id), locale, t('admin:unknownUnit'));
  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    await add.run(async () => {
      await adminApi.grantRole(user.id, { role, unitId: chosenUnit });
      await props.onDone(t('admin:roleGranted', { role: roleName(role, t), unit: unitName(chosenUnit) }));
    });
  };
  const onRemove = (grant: TUserView['grants'][number]) =>
    remove.run(async () => {
      await adminApi.revokeRole(user.id, grant.id);
      await props.onDone(t('admin:roleRevoked', { role: roleName(grant.role, t), unit: unitName(grant.unitId) }));
    });
  return (
    <section aria-labelledby="roles-heading" className="bo-admin-section">
      <h2 id="roles-heading">{t('admin:roles')}</h2>
      <ErrorSummary action={remove} fields={{}} t={t} />
      {user.grants.length === 0 ? (
        <p>{t('admin:noRoles')}</p>
      ) : (
        <table className="table table--compact">
          <caption>{t('admin:rolesCaption', { name: user.displayName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin:role')}</th>
              <th scope="col">{t('admin:unit')}</th>
              <th scope="col">
                <span className="sr-only">{t('admin:actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {user.grants.map((g) => (
              <tr key={g.id}>
                <td>{roleName(g.role, t)}</td>
                <td>{unitName(g.unitId)}</td>
                <td>
                  <RemoveButton
                    t={t}
                    busy={remove.busy}
                    onClick={() => void onRemove(g)}
                    label={t('admin:removeRoleNamed', { role: roleName(g.role, t), unit: unitName(g.unitId) })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {user.kind === 'staff' && (
        <form onSubmit={onAdd} aria-labelledby="grant-heading" noValidate className="bo-admin-form">
          <h3 id="grant-heading" className="h4">
            {t('admin:grantRole')}
          </h3>
          <ErrorSummary
            action={add}
            fields={{
              role: { id: 'grant-role', label: t('admin:role') },
              unitId: { id: 'grant-unit', label: t('admin:unit') },
            }}
            t={t}
          />
          <div className="bo-filter">
            <SelectField
              id="grant-role"
              t={t}
              label={t('admin:role')}
              value={role}
              onChange={(v) => setRole(v as TStaffRole)}
              error={issueMessage(add.issues.get('role'), t)}
              options={STAFF_ROLES.map((r) => ({ value: r, label: roleName(r, t) }))}
            />
            <SelectField
              id="grant-unit"
              t={t}
              label={t('admin:unit')}
              value={chosenUnit}
              onChange={setUnitId}
              error={issueMessage(add.issues.get('unitId'), t)}
              options={units.grantable.map((u) => ({
                value: u.id,
                label: indent(u.depth) + unitLabel(u, locale, u.id),
              }))}
            />
            <button className="button button-primary" type="submit" disabled={add.busy || !chosenUnit}>
              {t('admin:grant')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** Display name and e-mail. */
export function ProfileForm(props: Props) {
  const { user, t } = props;
  const [values, setValues] = useState({ displayName: user.displayName, email: user.email ?? '' });
  const action = useAction();
  const fields = {
    displayName: { id: 'profile-name', label: t('admin:displayName') },
    email: { id: 'profile-email', label: t('admin:email') },
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(async () => {
      await adminApi.updateUser(user.id, { displayName: values.displayName, email: values.email.trim() || null });
      await props.onDone(t('admin:profileSaved'));
    });
  };
  return (
    <section aria-labelledby="profile-heading" className="bo-admin-section">
      <h2 id="profile-heading">{t('admin:profileHeading')}</h2>
      <form onSubmit={onSubmit} aria-labelledby="profile-heading" noValidate className="bo-admin-form">
        <ErrorSummary action={action} fields={fields} t={t} />
        <TextField
          {...fields.displayName}
          t={t}
          required
          value={values.displayName}
          onChange={(v) => setValues({ ...values, displayName: v })}
          error={issueMessage(action.issues.get('displayName'), t)}
          autoComplete="off"
        />
        <TextField
          {...fields.email}
          t={t}
          type="email"
          value={values.email}
          onChange={(v) => setValues({ ...values, email: v })}
          error={issueMessage(action.issues.get('email'), t)}
          autoComplete="off"
        />
        <button className="button button-primary" type="submit" disabled={action.busy}>
          {t('admin:save')}
        </button>
      </form>
    </section>
  );
}

/** A new password; the server ends the user's open sessions. The two entries must match before anything is sent. */
export function PasswordForm(props: Props) {
  const { user, t } = props;
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const action = useAction();
  const fields = { password: { id: 'new-password', label: t('admin:newPassword') } };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    const ok = await action.run(async () => {
      await adminApi.updateUser(user.id, { password });
      await props.onDone(t('admin:passwordSet'));
    });
    if (ok) {
      setPassword('');
      setRepeat('');
    }
  };
  return (
    <section aria-labelledby="password-heading" className="bo-admin-section">
      <h2 id="password-heading">{t('admin:passwordHeading')}</h2>
      <form onSubmit={onSubmit} aria-labelledby="password-heading" noValidate className="bo-admin-form">
        <ErrorSummary action={action} fields={fields} t={t} />
        <TextField
          {...fields.password}
          t={t}
          type="password"
          required
          autoComplete="new-password"
          hint={t('admin:passwordHint')}
          value={password}
          onChange={setPassword}
          error={issueMessage(action.issues.get('password'), t)}
        />
        <TextField
          id="repeat-password"
          label={t('admin:repeatPassword')}
          t={t}
          type="password"
          required
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={mismatch ? t('admin:errPasswordMismatch') : undefined}
        />
        <button className="button button-primary" type="submit" disabled={action.busy}>
          {t('admin:setPassword')}
        </button>
      </form>
    </section>
  );
}

/** Deactivate (ends every session; the user cannot sign in) or reactivate. */
export function StatusSection(props: Props) {
  const { user, t } = props;
  const action = useAction();
  const toggle = () =>
    action.run(async () => {
      await adminApi.updateUser(user.id, { active: !user.active });
      await props.onDone(user.active ? t('admin:deactivated') : t('admin:reactivated'));
    });
  return (
    <section aria-labelledby="status-heading" className="bo-admin-section">
      <h2 id="status-heading">{t('admin:status')}</h2>
      <p>{user.active ? t('admin:activeText') : t('admin:inactiveText')}</p>
      <ErrorSummary action={action} fields={{}} t={t} />
      <button
        className={`button ${user.active ? 'button-secondary' : 'button-primary'}`}
        type="button"
        disabled={action.busy}
        onClick={() => void toggle()}
      >
        {user.active ? t('admin:deactivate') : t('admin:reactivate')}
      </button>
    </section>
  );
}

/** Lifts a lock-out after too many sign-in attempts (password or second factor), so the person can try again now. */
export function SignInLockSection(props: Props) {
  const { user, t } = props;
  const action = useAction();
  const lift = () =>
    action.run(async () => {
      const { wasLocked } = await adminApi.liftSignInLock(user.id);
      await props.onDone(wasLocked ? t('admin:signInLockLifted') : t('admin:signInLockNone'));
    });
  return (
    <section aria-labelledby="sign-in-lock-heading" className="bo-admin-section">
      <h2 id="sign-in-lock-heading">{t('admin:signInLockHeading')}</h2>
      <p>{t('admin:signInLockText')}</p>
      <ErrorSummary action={action} fields={{}} t={t} />
      <button className="button button-secondary" type="button" disabled={action.busy} onClick={() => void lift()}>
        {t('admin:signInLockLift')}
      </button>
    </section>
  );
}
