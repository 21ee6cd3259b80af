import { Fragment, useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import { ROOM_STATUSES, type Room, type RoomStatus, type RoomType } from '../api/types.ts';
import { roomFormValues, roomPatch, type RoomValues } from '../catalog/room-form.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RouteGate } from './capabilities.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { Empty, ErrorNotice, Loading, Success } from './feedback.tsx';

/**
 * A hotel's physical rooms (`/api/admin/hotels/{hotelId}/rooms`, issue 8): list by number, add,
 * change a room's status (maintenance keeps it out of assignments), edit its number, floor,
 * features and room type (only what changed is sent; a number another room has is refused by the
 * API with 409 ROOM_NUMBER_TAKEN and shown as such), delete one that holds no stay.
 */
export function RoomsPanel({ hotelId, roomTypes }: { hotelId: string; roomTypes: RoomType[] }) {
  const { api } = useApp();
  const { t } = useI18n();
  const headingId = useId();
  const rooms = useAsync((signal) => api.rooms.list(hotelId, undefined, signal), [hotelId]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [deleting, setDeleting] = useState<Room>();
  const [editing, setEditing] = useState<string>();
  const [form, setForm] = useState({ roomTypeId: roomTypes[0]?.roomTypeId ?? '', number: '', floor: '', features: '', status: 'available' as RoomStatus });
  const typeName = (id: string) => roomTypes.find((rt) => rt.roomTypeId === id)?.name ?? id;

  async function run(key: string, work: () => Promise<string>) {
    setBusy(key);
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await work());
      rooms.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
      setDeleting(undefined);
    }
  }

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run('add', async () => {
      const room = await api.rooms.create(hotelId, {
        roomTypeId: form.roomTypeId,
        number: form.number.trim(),
        floor: Number(form.floor),
        features: form.features.split(',').map((f) => f.trim()).filter(Boolean),
        status: form.status,
      });
      setForm((f) => ({ ...f, number: '', features: '' }));
      return t('rooms.added', { number: room.number });
    });
  };

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="rooms">
      <h2 id={headingId}>{t('rooms.title')}</h2>
      {notice ? <Success>{notice}</Success> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {rooms.status === 'loading' ? <Loading /> : null}
      {rooms.status === 'error' ? <ErrorNotice error={rooms.error} onRetry={rooms.reload} /> : null}
      {rooms.status === 'ok' && rooms.data.length === 0 ? <Empty>{t('rooms.empty')}</Empty> : null}
      {rooms.status === 'ok' && rooms.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('rooms.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rooms.number')}</th>
                <th scope="col">{t('rooms.floor')}</th>
                <th scope="col">{t('common.roomType')}</th>
                <th scope="col">{t('rooms.features')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('booking.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.data.map((room) => (
                <Fragment key={room.roomId}>
                  <tr>
                    <th scope="row">{room.number}</th>
                    <td className="num">{room.floor}</td>
                    <td>{typeName(room.roomTypeId)}</td>
                    <td>{room.features.join(', ') || t('common.none')}</td>
                    <td>
                      <select
                        aria-label={t('rooms.statusOf', { number: room.number })}
                        value={room.status}
                        disabled={busy !== undefined}
                        onChange={(e) => {
                          const status = e.target.value as RoomStatus;
                          void run(room.roomId, async () => {
                            await api.rooms.update(hotelId, room.roomId, { status });
                            return t('rooms.updated', { number: room.number });
                          });
                        }}
                      >
                        {ROOM_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`rooms.status.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <div className="actions">
                        <RouteGate planned="roomEdit" label={t('rooms.edit')}>
                          <button
                            type="button"
                            className="button"
                            disabled={busy !== undefined}
                            aria-expanded={editing === room.roomId}
                            onClick={() => setEditing(editing === room.roomId ? undefined : room.roomId)}
                            aria-label={t('rooms.editOne', { number: room.number })}
                          >
                            {t('rooms.edit')}
                          </button>
                        </RouteGate>
                        <button type="button" className="button" disabled={busy !== undefined} onClick={() => setDeleting(room)} aria-label={t('rooms.deleteOne', { number: room.number })}>
                          {t('rooms.delete')}
                        </button>
                      </div>
                    </td>
                  </tr>
                  {editing === room.roomId ? (
                    <tr>
                      <td colSpan={6}>
                        <RoomEditForm
                          room={room}
                          roomTypes={roomTypes}
                          busy={busy !== undefined}
                          onCancel={() => setEditing(undefined)}
                          onSubmit={(before, after) =>
                            void run(room.roomId, async () => {
                              const saved = await api.rooms.update(hotelId, room.roomId, roomPatch(before, after));
                              setEditing(undefined);
                              return t('rooms.updated', { number: saved.number });
                            })
                          }
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form className="form" onSubmit={add}>
        <h3>{t('rooms.add')}</h3>
        <div className="form-grid">
          <label>
            <span>{t('common.roomType')}</span>
            <select required value={form.roomTypeId} onChange={(e) => setForm({ ...form, roomTypeId: e.target.value })}>
              {roomTypes.map((rt) => (
                <option key={rt.roomTypeId} value={rt.roomTypeId}>
                  {rt.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('rooms.number')}</span>
            <input required maxLength={20} pattern="[A-Za-z0-9][A-Za-z0-9 \-]*" value={form.number} onChange={(e) => setForm({ ...form, number: e.target.value })} />
          </label>
          <label>
            <span>{t('rooms.floor')}</span>
            <input type="number" required min={-10} max={300} value={form.floor} onChange={(e) => setForm({ ...form, floor: e.target.value })} />
          </label>
          <label>
            <span>{t('rooms.featuresInput')}</span>
            <input value={form.features} onChange={(e) => setForm({ ...form, features: e.target.value })} placeholder="high-floor, quiet" />
          </label>
          <label>
            <span>{t('common.status')}</span>
            <select value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value as RoomStatus })}>
              {ROOM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`rooms.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" className="button button-primary" disabled={busy !== undefined || roomTypes.length === 0}>
          {t('rooms.add')}
        </button>
      </form>
      <ConfirmDialog
        open={deleting !== undefined}
        title={t('rooms.delete')}
        confirmLabel={t('rooms.delete')}
        busy={busy !== undefined}
        onConfirm={() =>
          deleting &&
          void run(`delete-${deleting.roomId}`, async () => {
            await api.rooms.remove(hotelId, deleting.roomId);
            return t('rooms.deleted', { number: deleting.number });
          })
        }
        onCancel={() => setDeleting(undefined)}
      >
        <p>{t('rooms.confirmDelete', { number: deleting?.number ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}

function RoomEditForm({
  room,
  roomTypes,
  busy,
  onSubmit,
  onCancel,
}: {
  room: Room;
  roomTypes: RoomType[];
  busy: boolean;
  onSubmit(before: RoomValues, after: RoomValues): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const initial = roomFormValues(room);
  const [values, setValues] = useState(initial);
  const unchanged = Object.keys(roomPatch(initial, values)).length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!unchanged) onSubmit(initial, values);
  };
  return (
    <form className="form" onSubmit={submit} data-testid={`room-editor-${room.roomId}`} aria-label={t('rooms.editOne', { number: room.number })}>
      <div className="form-grid">
        <label>
          <span>{t('common.roomType')}</span>
          <select value={values.roomTypeId} onChange={(e) => setValues({ ...values, roomTypeId: e.target.value })} disabled={busy}>
            {/* A room of a room type no longer listed keeps it as an option. */}
            {roomTypes.some((rt) => rt.roomTypeId === room.roomTypeId) ? null : <option value={room.roomTypeId}>{room.roomTypeId}</option>}
            {roomTypes.map((rt) => (
              <option key={rt.roomTypeId} value={rt.roomTypeId}>
                {rt.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('rooms.number')}</span>
          <input required maxLength={20} pattern="[A-Za-z0-9][A-Za-z0-9 \-]*" value={values.number} onChange={(e) => setValues({ ...values, number: e.target.value })} disabled={busy} />
        </label>
        <label>
          <span>{t('rooms.floor')}</span>
          <input type="number" required min={-10} max={300} step={1} value={values.floor} onChange={(e) => setValues({ ...values, floor: e.target.value })} disabled={busy} />
        </label>
        <label>
          <span>{t('rooms.featuresInput')}</span>
          <input value={values.features} onChange={(e) => setValues({ ...values, features: e.target.value })} disabled={busy} />
        </label>
      </div>
      <p className="hint">{t('rooms.editHint')}</p>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || unchanged}>
          {t('rooms.save')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
