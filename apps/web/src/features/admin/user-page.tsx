import './admin.css';
import { useCallback, useEffect, useState } from 'react';
import type { TUserView } from '@sagsgang/contracts';
import { useT } from '../../i18n/i18n.js';
import { Link, useLocation, useParams } from '../../router/router.js';
import { adminApi } from './admin-api.js';
import { StatusMessage } from './form-fields.js';
import { ErrorAlert } from '../../errors/error-alert.js';
import { GrantsSection, PasswordForm, ProfileForm, SignInLockSection, StatusSection } from './user-forms.js';
import { useUnits } from './use-units.js';

/** One user: facts, roles per unit, name and e-mail, a new password, and deactivation. */
export function UserPage() {
  const { t, locale } = useT();
  const { id } = useParams();
  const location = useLocation();
  const units = useUnits();
  const [user, setUser] = useState<TUserView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState(location.searchParams.get('created') ? t('admin:userCreated') : '');
  const load = useCallback(async () => setUser(await adminApi.user(id!)), [id]);
  useEffect(() => void load().catch((e: unknown) => setError(e)), [load]);
  const onDone = async (message: string) => {
    await load();
    setStatus(message);
  };
  const back = (
    <p>
      <Link className="back-link" href="/app/admin/users">
        {t('admin:backToUsers')}
      </Link>
    </p>
  );
  if (error != null)
    return (
      <>
        {back}
        <h1>{t('admin:userTitle')}</h1>
        <ErrorAlert error={error} t={t} />
      </>
    );
  if (!user)
    return (
      <>
        {back}
        <h1>{t('admin:userTitle')}</h1>
        <p role="status">{t('admin:loading')}</p>
      </>
    );
  const props = { user, t, locale, onDone };
  return (
    <>
      {back}
      <h1>{user.displayName}</h1>
      <StatusMessage text={status} />
      <dl className="bo-facts">
        <dt>{t('admin:username')}</dt>
        <dd>{user.username ?? '–'}</dd>
        <dt>{t('admin:kind')}</dt>
        <dd>{t(`admin:kind_${user.kind}`)}</dd>
        <dt>{t('admin:email')}</dt>
        <dd>{user.email ?? '–'}</dd>
        <dt>{t('admin:language')}</dt>
        <dd>{t(`admin:locale_${user.locale}`)}</dd>
        <dt>{t('admin:status')}</dt>
        <dd>{user.active ? t('admin:active') : t('admin:inactive')}</dd>
      </dl>
      <p className="bo-links">
        <Link href={`/app/admin/audit?subjectUserId=${user.id}`}>{t('admin:auditAbout')}</Link>
        <Link href={`/app/admin/audit?actorUserId=${user.id}`}>{t('admin:auditBy')}</Link>
      </p>
      <GrantsSection {...props} units={units} />
      <ProfileForm key={`profile-${user.displayName}-${user.email}`} {...props} />
      <PasswordForm {...props} />
      <SignInLockSection {...props} />
      <StatusSection {...props} />
    </>
  );
}
