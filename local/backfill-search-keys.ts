/**
 * `npm run bookings:backfill-search`: files the search keys (issue 10, docs/data-model.md "Booking
 * search keys") of bookings created before the admin search existed; bookings created since file
 * their own. Safe to run twice and beside live traffic (every put is conditional).
 *
 * Against `npm start`: no arguments (DynamoDB Local on DYNAMODB_LOCAL_PORT, default 8000, table
 * TABLE_NAME, default hotel-booking-local). Against AWS: `--table <name>` with the usual AWS
 * credentials and AWS_REGION, and no endpoint. It scans the whole table once.
 */
import { backfillSearchKeys } from '../shared/adapters/dynamodb/booking-search.dynamodb.ts';
import { tableFromArgs } from './table-cli.ts';

const { doc, tableName } = tableFromArgs();

try {
  const { bookings, filed } = await backfillSearchKeys(doc, tableName);
  console.log(`${tableName}: ${bookings} bookings, search keys filed for ${filed}`);
} finally {
  doc.destroy();
}
