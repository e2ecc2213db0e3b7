import type { Translate } from '../i18n/i18n.js';
import { errorText, issueLine, type ErrorTextOptions } from './error-text.js';

/**
 * The inside of an error alert: the sentence, the server's reason where the sentence is only general, the field
 * problems, and behind a disclosure the server's own words and the request's reference, so support can find the
 * request in the log.
 */
export function ErrorContent(props: { error: unknown; t: Translate } & ErrorTextOptions) {
  const { t } = props;
  const e = errorText(props.error, t, { labels: props.labels });
  return (
    <>
      <p className="alert-text">{e.text}</p>
      {e.serverReason && (
        <p className="alert-text" lang="en">
          {e.serverReason}
        </p>
      )}
      {e.issues.length > 0 && (
        <ul className="alert-text nobullet-list">
          {e.issues.map((issue, i) => (
            <li key={i}>{issueLine(issue)}</li>
          ))}
        </ul>
      )}
      {(e.serverMessage || e.requestId) && (
        <details className="bo-error-details">
          <summary>{t('errors:serverMessage')}</summary>
          {e.serverMessage && <p lang="en">{e.serverMessage}</p>}
          {e.requestId && <p>{t('errors:reference', { ref: e.requestId })}</p>}
        </details>
      )}
    </>
  );
}

/** An error from the API (or the page) as a DKFDS error alert in the reader's language. */
export function ErrorAlert(props: { error: unknown; t: Translate } & ErrorTextOptions) {
  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-body">
        <ErrorContent {...props} />
      </div>
    </div>
  );
}
