/**
 * `npm run inventory:check`: recomputes every night's counters of a running stack from their
 * sources (live holds and bookings, the movement ledger) and prints each difference. Exit code 0
 * when everything agrees, 1 otherwise, so it can gate a deploy or a test.
 *
 * Against `npm start`: no arguments (DynamoDB Local on DYNAMODB_LOCAL_PORT, default 8000, table
 * TABLE_NAME, default hotel-booking-local). Against AWS: `--table <name>` with the usual AWS
 * credentials and AWS_REGION, and no endpoint. It scans the whole table: an audit, not a probe.
 */
import { scanInventoryState } from '../shared/adapters/dynamodb/inventory-audit.ts';
import { checkInventory } from '../shared/use-cases/inventory/check-inventory.ts';
import { tableFromArgs } from './table-cli.ts';

const { doc, tableName } = tableFromArgs();

try {
  const state = await scanInventoryState(doc, tableName);
  const problems = checkInventory(state);
  const oversold = state.nights.filter((n) => n.reserved + (n.external ?? 0) > n.sellLimit);
  console.log(`${tableName}: ${state.nights.length} nights, ${state.holds.length} holds, ${state.movements.length} movements`);
  for (const p of problems) console.log(`DIFFERENCE ${p.night}: ${p.problem} (expected ${p.expected}, found ${p.actual})`);
  for (const n of oversold) {
    console.log(`OVERSOLD   ${n.hotelId}/${n.roomTypeId}/${n.date}: ${n.reserved} ours + ${n.external ?? 0} other channels > limit ${n.sellLimit}`);
  }
  console.log(problems.length === 0 ? 'ledger check: every night agrees with its holds and movements' : `ledger check: ${problems.length} difference(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  doc.destroy();
}
