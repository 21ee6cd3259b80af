import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../app-context.tsx';
import type { AdminRoomType } from '../api/types.ts';
import { mediaForEdit, moveItem, type MediaInput } from '../catalog/media.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorNotice, Loading } from './feedback.tsx';

/**
 * Edit a room type's own fields: its description, amenities and photos in order (move, remove,
 * add). The PMS's fields (name, occupancy, beds, size, view) are not offered here: they come from
 * the PMS. Reads the admin view for the version sent back as If-Match.
 */
export function RoomTypeEditor({ hotelId, roomTypeId, onSaved }: { hotelId: string; roomTypeId: string; onSaved(message: string): void }) {
  const { api } = useApp();
  const roomType = useAsync((signal) => api.catalogAdmin.getRoomType(hotelId, roomTypeId, signal), [hotelId, roomTypeId]);
  if (roomType.status === 'loading') return <Loading />;
  if (roomType.status === 'error') return <ErrorNotice error={roomType.error} onRetry={roomType.reload} />;
  return (
    <RoomTypeForm
      key={roomType.data.version}
      hotelId={hotelId}
      roomType={roomType.data}
      onSaved={(message) => {
        roomType.reload();
        onSaved(message);
      }}
    />
  );
}

function RoomTypeForm({ hotelId, roomType, onSaved }: { hotelId: string; roomType: AdminRoomType; onSaved(message: string): void }) {
  const { api } = useApp();
  const { t } = useI18n();
  const id = useId();
  const [description, setDescription] = useState(roomType.description ?? '');
  const [amenities, setAmenities] = useState(roomType.amenities.join(', '));
  const [media, setMedia] = useState<MediaInput[]>(mediaForEdit(roomType.media));
  const [newUrl, setNewUrl] = useState('');
  const [newAlt, setNewAlt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.catalogAdmin.updateRoomType(hotelId, roomType.roomTypeId, roomType.version, {
        description: description.trim() === '' ? null : description.trim(),
        amenities: amenities.split(',').map((a) => a.trim()).filter(Boolean),
        media,
      });
      onSaved(t('roomTypeEdit.saved', { name: roomType.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void save(e)} data-testid={`room-type-editor-${roomType.roomTypeId}`}>
      <label>
        <span>{t('hotelEdit.description')}</span>
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        <span>{t('hotelEdit.amenities')}</span>
        <input value={amenities} onChange={(e) => setAmenities(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('hotel.photos')}</legend>
        {media.length === 0 ? <p className="muted small">{t('roomTypeEdit.noPhotos')}</p> : null}
        <ol className="photo-edit-list">
          {media.map((m, i) => (
            <li key={`${m.url}-${i}`}>
              <a href={m.url} rel="noreferrer noopener" target="_blank">
                {m.altText ?? m.url}
              </a>
              <span className="photo-edit-actions">
                <button type="button" className="button" disabled={i === 0} onClick={() => setMedia(moveItem(media, i, -1))} aria-label={t('roomTypeEdit.up', { index: i + 1 })}>
                  ↑
                </button>
                <button type="button" className="button" disabled={i === media.length - 1} onClick={() => setMedia(moveItem(media, i, 1))} aria-label={t('roomTypeEdit.down', { index: i + 1 })}>
                  ↓
                </button>
                <button type="button" className="button" onClick={() => setMedia(media.filter((_, j) => j !== i))} aria-label={t('roomTypeEdit.remove', { index: i + 1 })}>
                  {t('rooms.delete')}
                </button>
              </span>
            </li>
          ))}
        </ol>
        <div className="form-grid">
          <label htmlFor={`${id}-url`}>
            <span>{t('roomTypeEdit.newUrl')}</span>
            <input id={`${id}-url`} type="url" pattern="https://.*" value={newUrl} onChange={(e) => setNewUrl(e.target.value)} />
          </label>
          <label htmlFor={`${id}-alt`}>
            <span>{t('roomTypeEdit.newAlt')}</span>
            <input id={`${id}-alt`} value={newAlt} onChange={(e) => setNewAlt(e.target.value)} />
          </label>
        </div>
        <button
          type="button"
          className="button"
          disabled={!/^https:\/\/\S+$/.test(newUrl.trim())}
          onClick={() => {
            setMedia([...media, { mediaType: 'image', url: newUrl.trim(), ...(newAlt.trim() ? { altText: newAlt.trim() } : {}) }]);
            setNewUrl('');
            setNewAlt('');
          }}
        >
          {t('roomTypeEdit.addPhoto')}
        </button>
      </fieldset>
      <p className="hint">{t('roomTypeEdit.pmsNote')}</p>
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('hotelEdit.save')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
