import type { TCaseDocument } from '@sagsgang/contracts';
import type { Translate } from '../../i18n/i18n.js';
import { formatBytes, formatDateTime, MEDIA_TYPE_NAMES } from './case-format.js';

/** The case file's documents: each with its type, size, who added it and when, and a download link when it has a file. */
export function CaseDocuments({ documents, t, locale }: { documents: TCaseDocument[]; t: Translate; locale: string }) {
  if (documents.length === 0) return <p>{t('cases:noDocuments')}</p>;
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact bo-documents">
        <caption className="sr-only">{t('cases:documentsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases:docColDocument')}</th>
            <th scope="col">{t('cases:docColType')}</th>
            <th scope="col">{t('cases:docColSize')}</th>
            <th scope="col">{t('cases:docColDirection')}</th>
            <th scope="col">{t('cases:docColAddedBy')}</th>
            <th scope="col">{t('cases:docColAdded')}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id ?? `event-${d.eventId}`}>
              <td>
                {d.href ? (
                  <a href={d.href} download>
                    {d.title} <span className="sr-only">({t('cases:downloadHint')})</span>
                  </a>
                ) : (
                  d.title
                )}
                {d.fileName && d.fileName !== d.title && (
                  <>
                    <br />
                    <span className="bo-muted">{d.fileName}</span>
                  </>
                )}
              </td>
              <td>
                {t(`cases:doc_${d.documentType}`)}
                {d.mediaType ? `, ${MEDIA_TYPE_NAMES[d.mediaType] ?? d.mediaType}` : ''}
              </td>
              <td>{d.sizeBytes === null ? t('cases:noFile') : formatBytes(d.sizeBytes, locale)}</td>
              <td>{t(`cases:dir_${d.direction}`)}</td>
              <td>
                {d.addedBy ?? '–'}
                {d.source !== 'casework' && (
                  <>
                    <br />
                    <span className="bo-muted">{t(`cases:source_${d.source}`)}</span>
                  </>
                )}
              </td>
              <td>{formatDateTime(d.addedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
