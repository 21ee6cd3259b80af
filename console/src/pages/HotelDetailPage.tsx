import { useState } from 'react';
import { useApp } from '../app-context.tsx';
import { RouteGate, RoutePanelGate, useRouteStatus } from '../components/capabilities.tsx';
import { RatePlansPanel } from '../components/RatePlansPanel.tsx';
import { RoomsPanel } from '../components/RoomsPanel.tsx';
import { RoomTypeEditor } from '../components/RoomTypeEditor.tsx';
import { HotelEditor } from '../components/HotelEditor.tsx';
import { ErrorNotice, Loading, Success } from '../components/feedback.tsx';
import { OverbookingPolicyForm } from '../components/OverbookingPolicyForm.tsx';
import { formatMoney } from '../format/format.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation, useParams } from '../router/router.tsx';

export function HotelDetailPage() {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const { hotelId = '' } = useParams('/hotels/:hotelId');
  const { query } = useLocation();
  // The hotel list's "reactivate" link opens the editor, where a deactivated hotel offers it.
  const [editing, setEditing] = useState(query.get('reactivate') === '1');
  const [editingRoomType, setEditingRoomType] = useState<string>();
  // What the last edit did; kept here because the reload after it remounts the editors.
  const [notice, setNotice] = useState<string>();
  const changed = (message: string) => {
    setNotice(message);
    data.reload();
    admin.reload();
  };
  const data = useAsync(async (signal) => {
    const [hotel, roomTypes] = await Promise.all([api.catalog.getHotel(hotelId, signal), api.catalog.listRoomTypes(hotelId, signal)]);
    return { hotel, roomTypes };
  }, [hotelId]);
  // The admin view (every rate plan, inactive ones too, with versions and what the PMS owns) feeds
  // the rate-plan editor; without the route the page lists the public plans only.
  const adminView = useRouteStatus('adminHotel');
  const admin = useAsync((signal) => (adminView === 'available' ? api.catalogAdmin.getHotel(hotelId, signal) : Promise.resolve(undefined)), [hotelId, adminView]);

  return (
    <>
      <p>
        <Link to="/hotels">← {t('hotel.back')}</Link>
      </p>
      {notice ? <Success>{notice}</Success> : null}
      {data.status === 'loading' ? <Loading /> : null}
      {data.status === 'error' ? <ErrorNotice error={data.error} onRetry={data.reload} /> : null}
      {data.status === 'ok' ? (
        <>
          <h1>
            {data.data.hotel.name}
            {data.data.hotel.isActive ? null : (
              <>
                {' '}
                <span className="badge badge-inactive">{t('hotels.inactive')}</span>
              </>
            )}
          </h1>
          <div className="actions">
            <Link className="button" to={`/calendar?hotelId=${encodeURIComponent(hotelId)}`}>
              {t('hotel.calendar')}
            </Link>
            {/* The import is admin only (the API refuses a manager): not offered to one. */}
            {data.data.hotel.pmsVendor && session.role === 'admin' ? (
              <Link className="button" to={`/import?hotelId=${encodeURIComponent(hotelId)}`}>
                {t('hotel.reimport')}
              </Link>
            ) : null}
            <RouteGate planned="hotelEdit" label={t('hotel.edit')}>
              <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
                {t('hotel.edit')} / {t('hotel.deactivate')}
              </button>
            </RouteGate>
          </div>
          {editing ? <HotelEditor hotelId={hotelId} onChanged={changed} /> : null}
          <section className="panel" aria-labelledby="hotel-details">
            <h2 id="hotel-details">{t('hotel.details')}</h2>
            <dl>
              <div className="dl-row">
                <dt>ID</dt>
                <dd>
                  <code>{data.data.hotel.hotelId}</code>
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('hotel.address')}</dt>
                <dd>
                  {[data.data.hotel.address, data.data.hotel.city, data.data.hotel.country].filter(Boolean).join(', ')}
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('hotels.col.pms')}</dt>
                <dd>{data.data.hotel.pmsVendor ?? t('common.none')}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('hotels.col.currency')}</dt>
                <dd>
                  {data.data.hotel.currency} · {data.data.hotel.timeZone}
                </dd>
              </div>
              <div className="dl-row">
                <dt>{t('hotel.stars')}</dt>
                <dd>{data.data.hotel.starRating ?? t('common.none')}</dd>
              </div>
              <div className="dl-row">
                <dt>{t('hotel.amenities')}</dt>
                <dd>{data.data.hotel.amenities.join(', ') || t('common.none')}</dd>
              </div>
            </dl>
            {data.data.hotel.description ? <p>{data.data.hotel.description}</p> : null}
          </section>
          <OverbookingPolicyForm hotelId={data.data.hotel.hotelId} hotelName={data.data.hotel.name} />
          <section className="panel" aria-labelledby="hotel-photos">
            <h2 id="hotel-photos">{t('hotel.photos')}</h2>
            <ol className="photo-list">
              {data.data.hotel.images.map((url, i) => (
                <li key={url}>
                  <a href={url} rel="noreferrer noopener" target="_blank">
                    {t('hotel.photoAlt', { index: i + 1, name: data.data.hotel.name })}
                  </a>
                </li>
              ))}
            </ol>
          </section>
          <section className="panel" aria-labelledby="hotel-rooms">
            <h2 id="hotel-rooms">{t('hotel.roomTypes')}</h2>
            {admin.status === 'error' ? <ErrorNotice error={admin.error} onRetry={admin.reload} /> : null}
            <ul className="room-list">
              {data.data.roomTypes.map((rt) => (
                <li key={rt.roomTypeId} className="room">
                  <h3>
                    {rt.name} <code className="muted">{rt.roomTypeId}</code>
                  </h3>
                  <RouteGate planned="roomTypeEdit" label={t('roomTypeEdit.edit', { name: rt.name })}>
                    <button type="button" className="button" aria-expanded={editingRoomType === rt.roomTypeId} onClick={() => setEditingRoomType(editingRoomType === rt.roomTypeId ? undefined : rt.roomTypeId)}>
                      {t('roomTypeEdit.edit', { name: rt.name })}
                    </button>
                  </RouteGate>
                  {editingRoomType === rt.roomTypeId ? <RoomTypeEditor hotelId={hotelId} roomTypeId={rt.roomTypeId} onSaved={changed} /> : null}
                  <p className="muted">
                    {t('hotel.occupancy', { count: rt.maxOccupancy })}
                    {rt.bedType ? ` · ${rt.bedCount ?? ''} ${rt.bedType}` : ''}
                    {rt.sizeSqm ? ` · ${rt.sizeSqm} m²` : ''}
                    {rt.viewType ? ` · ${rt.viewType}` : ''}
                  </p>
                  {(() => {
                    const adminRoomType = admin.data?.roomTypes.find((a) => a.roomTypeId === rt.roomTypeId);
                    if (admin.data && adminRoomType) return <RatePlansPanel hotel={admin.data} roomType={adminRoomType} onChanged={changed} />;
                    return (
                      <ul>
                        {rt.ratePlans.map((rp) => (
                          <li key={rp.ratePlanId}>
                            {t('hotel.ratePlan', { name: rp.name, price: formatMoney(rp.basePrice, rp.currency, locale) })} ·{' '}
                            {rp.isRefundable ? t('hotel.refundable') : t('hotel.nonRefundable')}
                            {rp.breakfastIncluded ? ` · ${t('hotel.breakfast')}` : ''}
                          </li>
                        ))}
                      </ul>
                    );
                  })()}
                  <ol className="photo-list">
                    {[...rt.media]
                      .sort((a, b) => a.displayOrder - b.displayOrder)
                      .map((m, i) => (
                        <li key={m.url}>
                          <a href={m.url} rel="noreferrer noopener" target="_blank">
                            {m.altText ?? t('hotel.photoAlt', { index: i + 1, name: rt.name })}
                          </a>
                        </li>
                      ))}
                  </ol>
                </li>
              ))}
            </ul>
          </section>
          <RoutePanelGate planned="hotelRooms" title={t('rooms.title')}>
            <RoomsPanel hotelId={hotelId} roomTypes={data.data.roomTypes} />
          </RoutePanelGate>
        </>
      ) : null}
    </>
  );
}
