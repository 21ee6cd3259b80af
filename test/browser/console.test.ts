import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIM_CREDENTIALS, SIM_IMPORT_ONLY_HOTEL } from '../../local/simulators/pms/sim-hotels.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { adminToken, launchBrowser, screenshot, startStack, type Browser, type Stack } from './browser-support.ts';

/**
 * The admin console in Chromium against a whole local stack: sign in, import a hotel through the
 * wizard, re-import a demo hotel and read what will change, find a booking made through the API and
 * read its saga timeline, retry the compensation of a booking a fault sent to NEEDS_ATTENTION,
 * resume a paused PMS config, switch the language. One stack and one
 * browser for the file; each test leaves a screenshot in test-results/browser/.
 */
describe('admin console in a browser', () => {
  let stack: Stack;
  let browser: Browser;
  let token: string;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.apiUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers } });

  beforeAll(async () => {
    stack = await startStack();
    token = await adminToken(stack.apiUrl);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  // Each test gets a fresh tab, so a fresh sessionStorage: no test inherits another's sign-in.
  let current: Page | undefined;
  beforeEach(async () => {
    await current?.close();
    current = await browser.context.newPage();
  });
  const page = () => current!;

  async function signInAsAdmin() {
    await page().goto(stack.consoleUrl);
    await page().getByLabel('Administrator (every hotel)').check();
    await page().getByRole('button', { name: 'Sign in' }).click();
    await page().getByRole('heading', { name: 'Dashboard' }).waitFor();
  }

  async function go(path: string, heading: string) {
    if (!(await page().getByTestId('user').count())) await signInAsAdmin();
    await page().goto(`${stack.consoleUrl}${path}`);
    await page().getByRole('heading', { name: heading, exact: true }).first().waitFor();
  }

  it('signs in as an admin, and as a hotel manager whom the API itself refuses admin data', { timeout: 90_000 }, async () => {
    await signInAsAdmin();
    await page().getByRole('row', { name: /Han River Grand Hotel/ }).waitFor();
    await expect(page().getByTestId('attention-count').textContent()).resolves.toBe('0');
    await expect(page().getByTestId('user').textContent()).resolves.toContain('Administrator');
    await screenshot(page(), '01-dashboard-admin');

    await page().getByRole('button', { name: 'Sign out' }).click();
    await page().getByLabel('Hotel manager (chosen hotels)').check();
    await page().getByLabel(/Jeju Ocean View Resort/).check();
    await page().getByRole('button', { name: 'Sign in' }).click();
    await page().getByRole('heading', { name: 'Dashboard' }).waitFor();

    // Only the manager's hotel is listed; the admin API answers 403 and the console shows its code.
    await page().getByRole('row', { name: /Jeju Ocean View Resort/ }).waitFor();
    await expect(page().getByRole('row', { name: /Han River Grand Hotel/ }).count()).resolves.toBe(0);
    await page().getByTestId('error-code').first().waitFor();
    await expect(page().getByTestId('error-code').first().textContent()).resolves.toBe('FORBIDDEN');
    await screenshot(page(), '02-dashboard-hotel-manager');
    await page().getByRole('button', { name: 'Sign out' }).click();
    await page().getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page().getByTestId('user').count()).resolves.toBe(0);
  });

  it('imports a new hotel from the simulated PMS through the wizard, then opens it', { timeout: 90_000 }, async () => {
    await go('import', 'Import from PMS');
    await page().getByLabel('PMS vendor').selectOption('generic');
    await page().getByLabel('PMS hotel id').fill(SIM_IMPORT_ONLY_HOTEL.pmsHotelId);
    await page().getByLabel('API key').fill('wrong-key');
    await page().getByLabel('PMS base URL').fill(stack.genericPmsUrl);
    await page().getByRole('button', { name: 'Fetch hotel data' }).click();
    // A bad key is told in words the admin can act on, with the API's code.
    await page().getByText('The PMS refused the API key.').waitFor();
    await expect(page().getByTestId('error-code').textContent()).resolves.toBe('PMS_AUTH_FAILED');

    await page().getByLabel('API key').fill(SIM_IMPORT_ONLY_HOTEL.credentials.apiKey);
    await page().getByRole('button', { name: 'Fetch hotel data' }).click();
    const review = page().getByTestId('import-review');
    await review.waitFor();
    await expect(page().getByTestId('import-changes').textContent()).resolves.toContain('saving creates a new listing');
    await expect(review.getByLabel('Name', { exact: true }).first().inputValue()).resolves.toBe('Haeundae Seaside Hotel');
    await review.getByLabel('Name', { exact: true }).first().fill('Haeundae Seaside Hotel & Spa');
    await screenshot(page(), '03-import-review');
    await page().getByRole('button', { name: 'Save listing' }).click();

    const done = page().getByTestId('import-done');
    await done.waitFor();
    await expect(done.textContent()).resolves.toContain('A new listing was created with 2 room types');
    await page().getByRole('link', { name: 'Go to the hotel' }).click();
    await page().getByRole('heading', { name: 'Haeundae Seaside Hotel & Spa' }).waitFor();
    await page().getByText('Sea View Double').first().waitFor();
    await screenshot(page(), '04-imported-hotel');

    const hotel = await fetch(`${stack.apiUrl}/api/hotels/htl_generic_busan-haeundae`);
    expect(hotel.status).toBe(200);
    expect(((await hotel.json()) as { data: { name: string } }).data.name).toBe('Haeundae Seaside Hotel & Spa');
  });

  it('re-imports a demo hotel and shows what will change before saving', { timeout: 90_000 }, async () => {
    await go('hotels/htl_jeju_oceanview', 'Jeju Ocean View Resort');
    await page().getByRole('link', { name: 'Re-import from PMS' }).click();
    // Prefilled from the hotel's PMS config; the key is never shown, so it is typed again.
    await expect.poll(() => page().getByLabel('PMS hotel id').inputValue()).toBe('jeju-oceanview');
    await page().getByLabel('API key').fill(SIM_CREDENTIALS.generic.apiKey);
    await page().getByRole('button', { name: 'Fetch hotel data' }).click();
    const review = page().getByTestId('import-review');
    await review.waitFor();
    await review.getByLabel('Name', { exact: true }).first().fill('Jeju Ocean View Resort & Villas');
    await page().getByLabel('Import this room type').nth(1).uncheck();

    const changes = page().getByTestId('import-changes');
    await changes.getByRole('row', { name: /Jeju Ocean View Resort & Villas/ }).waitFor();
    await expect(changes.getByRole('row', { name: /Family Villa.*saving deactivates it/ }).count()).resolves.toBe(1);
    await screenshot(page(), '05-reimport-changes');
    await page().getByLabel('Import this room type').nth(1).check();
    await expect(changes.getByRole('row', { name: /saving deactivates it/ }).count()).resolves.toBe(0);
    await page().getByRole('button', { name: 'Save listing' }).click();
    await expect(page().getByTestId('import-done').textContent()).resolves.toContain('The listing was updated: 2 room types');
  });

  it('finds a booking made through the API and reads its saga timeline', { timeout: 90_000 }, async () => {
    const checkIn = addDays(todayIn('Asia/Seoul'), 20);
    const checkout = await fetch(`${stack.apiUrl}/api/booking/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        hotelId: 'htl_seoul_hanriver',
        roomTypeId: 'rt_deluxe_double',
        checkIn,
        checkOut: addDays(checkIn, 2),
        rooms: 1,
        guests: 2,
        guestInfo: { firstName: 'Ji-woo', lastName: 'Park', email: 'jiwoo.console@example.com', phone: '+82 10 1234 5678' },
        payment: { paymentMethodId: 'pm_card_visa' },
      }),
    });
    expect(checkout.status).toBe(201);
    const { data: { bookingId } } = (await checkout.json()) as { data: { bookingId: string } };

    await go('bookings', 'Bookings');
    await page().getByTestId('find-booking').fill(bookingId);
    await page().getByRole('button', { name: 'Open', exact: true }).click();
    await page().getByRole('heading', { name: `Booking ${bookingId}` }).waitFor();
    const timeline = page().getByTestId('timeline');
    await timeline.waitFor();
    for (const step of ['Hold rooms', 'Authorize payment', 'Confirm in the PMS', 'Capture payment']) await timeline.getByText(step).waitFor();
    await expect(timeline.getByText('Succeeded').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(page().getByText('Ji-woo Park').count()).resolves.toBe(1);
    // The hotel's currency, formatted for the UI language.
    await expect(page().getByTestId('booking-total').textContent()).resolves.toMatch(/^₩\d{1,3}(,\d{3})+$/);
    // Actions the API does not have yet are shown disabled, with the reason.
    await expect(page().getByRole('button', { name: 'Cancel and refund' }).isDisabled()).resolves.toBe(true);
    await screenshot(page(), '06-booking-timeline');

    // And it is in the list, filtered by its hotel.
    await go('bookings?hotelId=htl_seoul_hanriver&status=CONFIRMED', 'Bookings');
    await page().getByTestId('bookings-table').getByRole('link', { name: bookingId }).waitFor();
  });

  it('lands a booking in NEEDS_ATTENTION with a fault, then retries its compensation from the console and sees it resolve', { timeout: 90_000 }, async () => {
    // Prepare: capture and void fail on every attempt of one booking (README's table), so the
    // saga escalates with the authorization still open.
    const arm = (point: string, times: number) => fetch(`${stack.apiUrl}/_local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ point, mode: 'error', times }) });
    expect((await arm('payment.capture', 10)).status).toBeLessThan(300);
    expect((await arm('payment.void', 8)).status).toBeLessThan(300);
    const checkIn = addDays(todayIn('Asia/Seoul'), 24);
    let bookingId: string;
    try {
      const res = await fetch(`${stack.apiUrl}/api/booking/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          hotelId: 'htl_seoul_hanriver',
          roomTypeId: 'rt_deluxe_double',
          checkIn,
          checkOut: addDays(checkIn, 1),
          rooms: 1,
          guests: 1,
          guestInfo: { firstName: 'Min', lastName: 'Kim', email: 'min.attention@example.com', phone: '+82 10 5555 0000' },
          payment: { paymentMethodId: 'pm_card_visa' },
        }),
      });
      const body = (await res.json()) as { data?: { bookingId: string }; error?: { details?: { bookingId: string } } };
      bookingId = (body.data?.bookingId ?? body.error?.details?.bookingId)!;
      // A 202 means the saga was still running: wait for its outcome, not for a time.
      await expect
        .poll(async () => ((await (await api(`/api/admin/bookings/${bookingId}`)).json()) as { data: { status: string } }).data.status, { timeout: 60_000, interval: 500 })
        .toBe('NEEDS_ATTENTION');
    } finally {
      await fetch(`${stack.apiUrl}/_local/faults`, { method: 'DELETE' });
    }

    // Act
    await go('attention', 'Needs attention');
    const item = page().getByRole('listitem').filter({ has: page().getByRole('link', { name: bookingId }) });
    await item.getByRole('button', { name: 'Retry the failed compensation' }).click();
    const dialog = page().getByRole('dialog', { name: 'Retry the failed compensation' });
    await expect(dialog.textContent()).resolves.toContain('nothing is undone twice');
    await screenshot(page(), '09-attention-retry-confirm');
    await dialog.getByRole('button', { name: 'Retry the failed compensation' }).click();
    await page().getByText('Resolved: the booking is now FAILED.').waitFor();
    await screenshot(page(), '10-attention-resolved');

    // Assess: the API says so too, and the authorization is no longer open.
    const after = (await (await api(`/api/admin/bookings/${bookingId}/attention`)).json()) as { data: { booking: { status: string; resolution?: { via: string } }; held: { payments: { reachable: boolean; items: unknown[] } } } };
    expect(after.data.booking).toMatchObject({ status: 'FAILED', resolution: { via: 'retry-compensation' } });
    expect(after.data.held.payments).toEqual({ reachable: true, items: [] });
  });

  it('resumes a paused PMS config after a confirmation', { timeout: 90_000 }, async () => {
    const configs = (await (await api('/api/admin/pms/configs')).json()) as { data: Array<{ configId: string; hotelId: string }> };
    const opera = configs.data.find((c) => c.hotelId === 'htl_seoul_gangnam')!;
    const paused = await api(`/api/admin/pms/configs/${opera.configId}`, { method: 'PATCH', body: '{"paused":true}' });
    expect(paused.status).toBe(200);

    await go('pms', 'PMS connections');
    const card = page().getByTestId(`pms-config-${opera.configId}`);
    await expect(card.getByTestId('paused').textContent()).resolves.toBe('Yes');
    await card.getByRole('button', { name: 'Resume' }).click();
    const dialog = page().getByRole('dialog', { name: 'Resume' });
    await expect(dialog.textContent()).resolves.toContain('Resume polling Gangnam Business Stay?');
    await screenshot(page(), '07-pms-resume-confirm');
    await dialog.getByRole('button', { name: 'Resume' }).click();
    await card.getByText('Polling resumed.').waitFor();
    await expect(card.getByTestId('paused').textContent()).resolves.toBe('No');
    await screenshot(page(), '08-pms-resumed');

    const after = (await (await api('/api/admin/pms/configs')).json()) as { data: Array<{ configId: string; paused: boolean }> };
    expect(after.data.find((c) => c.configId === opera.configId)!.paused).toBe(false);
  });

  it('switches to Korean, formats for it, and is reachable by keyboard', { timeout: 60_000 }, async () => {
    await go('calendar?hotelId=htl_seoul_hanriver', 'Availability & rates');
    await page().getByTestId('calendar').waitFor();
    await page().getByTestId('language').selectOption('ko');
    await page().getByRole('heading', { name: '객실 현황·요금' }).waitFor();
    await expect(page().getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '대시보드' }).count()).resolves.toBe(1);
    await expect(page().locator('html').getAttribute('lang')).resolves.toBe('ko');
    await expect(page().locator('.month-label').textContent()).resolves.toMatch(/^\d{4}년 \d{1,2}월$/);
    await screenshot(page(), '09-calendar-korean');

    // The first Tab lands on the skip link, which moves focus to the content.
    await page().reload();
    await page().getByRole('heading', { name: '객실 현황·요금' }).waitFor();
    await page().keyboard.press('Tab');
    await expect(page().locator(':focus').textContent()).resolves.toBe('본문으로 건너뛰기');
    await page().getByTestId('language').selectOption('en');
    await page().getByRole('heading', { name: 'Availability & rates' }).waitFor();
  });
});
