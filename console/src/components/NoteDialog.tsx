import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ErrorNotice } from './feedback.tsx';

/**
 * A confirmation that needs a note saying what the admin did (closing a reconciliation finding, a
 * dead letter): `consequence` states what confirming means, the note is required (1,000 characters,
 * as the API caps it), and the API's error shows in the dialog, which stays open to try again.
 */
export function NoteDialog({
  title,
  confirmLabel,
  consequence,
  submit,
  onClose,
  onDone,
}: {
  title: string;
  confirmLabel: string;
  consequence: ReactNode;
  submit(note: string): Promise<unknown>;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const noteId = useId();
  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await submit(note.trim());
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <ConfirmDialog open title={title} confirmLabel={confirmLabel} busy={busy} confirmDisabled={note.trim() === ''} onConfirm={() => void confirm()} onCancel={onClose}>
      <p>{consequence}</p>
      <label htmlFor={noteId}>{t('attention.note')}</label>
      <textarea id={noteId} required maxLength={1000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      {error ? <ErrorNotice error={error} /> : null}
    </ConfirmDialog>
  );
}
