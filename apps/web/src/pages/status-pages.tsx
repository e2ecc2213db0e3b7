import { useT } from '../i18n/i18n.js';
import { ErrorContent } from '../errors/error-alert.js';
import { Link } from '../router/router.js';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <>
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <p>
        <Link href="/app/">{t('backToStart')}</Link>
      </p>
    </>
  );
}

/** For a signed-in applicant who found the back office: their place is the self-service. */
export function NoStaffAccessPage() {
  const { t } = useT();
  return (
    <main id="main-content" className="container page-container">
      <h1>{t('noStaffTitle')}</h1>
      <p>{t('noStaffText')}</p>
      <p>
        <a className="button button-primary" href="/mine-sager">
          {t('goToPortal')}
        </a>
      </p>
    </main>
  );
}

export function LoadingPage() {
  const { t } = useT();
  return (
    <main id="main-content" className="container page-container" aria-busy="true">
      <p role="status">{t('loading')}</p>
    </main>
  );
}

export function ErrorPage(props: { error: Error; retry: () => void }) {
  const { t } = useT();
  return (
    <main id="main-content" className="container page-container">
      <h1>{t('errorTitle')}</h1>
      <div className="alert alert-error" role="alert">
        <div className="alert-body">
          <ErrorContent error={props.error} t={t} />
        </div>
      </div>
      <p>
        <button type="button" className="button button-primary" onClick={props.retry}>
          {t('retry')}
        </button>
      </p>
    </main>
  );
}
