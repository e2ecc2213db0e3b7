import type { TClockView } from '@sagsgang/contracts';
import type { Translate } from '../../i18n/i18n.js';
import { ClockTag, daysLeftText, formatDate } from './case-format.js';

/** The service-goal clock of one case: how much of the time budget is used, the deadline, and any warning. */
export function ClockBar({ clock, t, locale }: { clock: TClockView; t: Translate; locale: string }) {
  const used = Math.min(1, Math.max(0, clock.shareUsed ?? 0));
  const percent = Math.round(used * 100);
  return (
    <section className="bo-clock" aria-labelledby="clock-heading">
      <h2 id="clock-heading" className="h3">
        {t('cases:clockHeading')} <ClockTag clock={clock} t={t} />
      </h2>
      {clock.shareUsed !== null && (
        <div
          className="bo-clock-track"
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={t('cases:clockUsed', { n: percent })}
        >
          <div className={`bo-clock-fill bo-clock-${clock.state}`} style={{ width: `${percent}%` }} />
          {clock.warnAt.map((w) => (
            <span
              key={w}
              className="bo-clock-mark"
              style={{ left: `${Math.round(w * 100)}%` }}
              title={t('cases:warnMark', { n: Math.round(w * 100) })}
            />
          ))}
        </div>
      )}
      <dl className="bo-facts">
        <dt>{t('cases:deadline')}</dt>
        <dd>
          {formatDate(clock.deadlineDate, locale)} {daysLeftText(clock, t)}
        </dd>
        <dt>{t('cases:clockStart')}</dt>
        <dd>{clock.startDate ? formatDate(clock.startDate, locale) : t('cases:clockNotStarted')}</dd>
        {clock.pausedSince && (
          <>
            <dt>{t('cases:pausedSince')}</dt>
            <dd>{formatDate(clock.pausedSince, locale)}</dd>
          </>
        )}
        {clock.legalDeadlineDate && (
          <>
            <dt>{t('cases:legalDeadline')}</dt>
            <dd>{formatDate(clock.legalDeadlineDate, locale)}</dd>
          </>
        )}
      </dl>
      {clock.state === 'warning' && <p className="bo-clock-warning">{t('cases:warningText')}</p>}
      {clock.warningsPassed.length > 0 && clock.state !== 'breached' && (
        <p>
          {t('cases:warningPassed', { n: Math.round(clock.warningsPassed[clock.warningsPassed.length - 1] * 100) })}
        </p>
      )}
      {clock.state === 'breached' && <p className="bo-clock-warning">{t('cases:breachedText')}</p>}
      {clock.state === 'paused' && <p>{t('cases:pausedText')}</p>}
    </section>
  );
}
