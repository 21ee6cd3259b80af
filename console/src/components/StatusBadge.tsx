import type { BookingStatus } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A booking status as a labelled badge: text carries the meaning, colour only repeats it. */
export function StatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status.toLowerCase().replace(/_/g, '-')}`}>{t(`status.${status}`)}</span>;
}
