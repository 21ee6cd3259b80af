/**
 * `npm run demo:inventory`: against a running `npm start`, fires three times as many concurrent
 * checkouts as a PMS-managed room type has rooms for one night, and prints what the inventory API
 * advertised next to what was sold. They must match (exit code 1 otherwise).
 *
 * By default one room type per PMS vendor of the demo (Cloudbeds, OPERA, generic), each on its
 * first night from two weeks ahead that nothing is sold on. Options: `--api <url>` (default
 * http://localhost:$PORT, 3000), `--hotel <id> --room-type <id>` for one room type, `--date
 * YYYY-MM-DD`, `--factor <n>` (default 3). With the stack's default limits the checkout route's
 * throttle (burst 50) answers some of a big burst `429`: those are counted apart and buy nothing,
 * and the rest still compete for every room.
 */
import { parseArgs } from 'node:util';
import { isIsoDate } from '../shared/domain/dates.ts';
import { issueToken } from './cognito/local-issuer.ts';
import { DEMO_PMS_ROOM_TYPES, describeOversubscription, oversubscribe, type OversubscriptionTarget } from './demo/oversubscription.ts';

const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    hotel: { type: 'string' },
    'room-type': { type: 'string' },
    date: { type: 'string' },
    factor: { type: 'string' },
  },
});
const api = (values.api ?? `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '');
if (values.date !== undefined && !isIsoDate(values.date)) throw new Error('--date must be YYYY-MM-DD');
if ((values.hotel === undefined) !== (values['room-type'] === undefined)) throw new Error('--hotel and --room-type go together');
const factor = values.factor === undefined ? 3 : Number(values.factor);
if (!Number.isInteger(factor) || factor < 1 || factor > 10) throw new Error('--factor must be a whole number from 1 to 10');
const targets: OversubscriptionTarget[] =
  values.hotel !== undefined ? [{ hotelId: values.hotel, roomTypeId: values['room-type']! }] : DEMO_PMS_ROOM_TYPES.map(({ hotelId, roomTypeId }) => ({ hotelId, roomTypeId }));

const adminToken = await issueToken({ role: 'admin' });
let mismatches = 0;
for (const target of targets) {
  const result = await oversubscribe({ api, adminToken, target: { ...target, ...(values.date ? { date: values.date } : {}) }, factor });
  console.log(describeOversubscription(result));
  if (!result.match) mismatches += 1;
}
console.log(mismatches === 0 ? 'advertised = sold on every night' : `${mismatches} night(s) where advertised != sold`);
process.exitCode = mismatches === 0 ? 0 : 1;
