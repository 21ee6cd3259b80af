import { useId, useState } from 'react';
import { useApp } from '../app-context.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../components/feedback.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';

/**
 * The two Needs attention actions of one booking, each behind a confirmation that states its
 * consequence: retry the compensations that did not succeed, or mark it resolved with a required
 * note. Both routes are idempotent, so a double click or a retried request changes nothing more.
 * `onDone` gets the outcome in words; the page reloads its list (a resolved booking leaves it).
 */
export function AttentionActions({ bookingId, onDone }: { bookingId: string; onDone(message: string): void }) {
  const { api } = useApp();
  const { t } = useI18n();
  const noteId = useId();
  const [dialog, setDialog] = useState<'retry' | 'resolve' | null>(null);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(undefined);
    try {
      const message = await action();
      setDialog(null);
      onDone(message);
    } catch (caught) {
      setDialog(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const retry = () =>
    run(async () => {
      const result = await api.bookings.retryCompensation(bookingId);
      if (result.outcome !== 'STILL_FAILING') return t(`attention.outcome.${result.outcome}` as MessageKey);
      const failed = result.ran.filter((r) => r.status === 'FAILED').map((r) => r.name);
      return t('attention.outcome.STILL_FAILING', { steps: failed.join(', ') });
    });

  const resolve = () => {
    if (note.trim() === '') {
      setNoteMissing(true);
      return;
    }
    void run(async () => t(`attention.outcome.${(await api.bookings.resolve(bookingId, note.trim())).outcome}` as MessageKey));
  };

  return (
    <>
      <div className="actions">
        <button type="button" className="button" onClick={() => setDialog('retry')}>
          {t('attention.retry')}
        </button>
        <button type="button" className="button" onClick={() => setDialog('resolve')}>
          {t('attention.resolve')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <ConfirmDialog open={dialog === 'retry'} title={t('attention.retry')} confirmLabel={t('attention.retry')} busy={busy} onConfirm={() => void retry()} onCancel={() => setDialog(null)}>
        <p>{t('attention.retryConfirm', { id: bookingId })}</p>
      </ConfirmDialog>
      <ConfirmDialog open={dialog === 'resolve'} title={t('attention.resolve')} confirmLabel={t('attention.resolve')} busy={busy} onConfirm={resolve} onCancel={() => setDialog(null)}>
        <p>{t('attention.resolveConfirm', { id: bookingId })}</p>
        <div className="field">
          <label htmlFor={noteId}>{t('attention.note')}</label>
          <textarea
            id={noteId}
            rows={3}
            maxLength={1000}
            required
            value={note}
            aria-invalid={noteMissing}
            {...(noteMissing ? { 'aria-describedby': `${noteId}-missing` } : {})}
            onChange={(e) => {
              setNote(e.target.value);
              setNoteMissing(false);
            }}
          />
          {noteMissing ? (
            <p id={`${noteId}-missing`} className="hint" role="alert">
              {t('attention.noteRequired')}
            </p>
          ) : null}
        </div>
      </ConfirmDialog>
    </>
  );
}
