import { parseArgs } from 'node:util';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';

/**
 * The table an operator's script works on (`npm run inventory:check`, `npm run
 * bookings:backfill-search`). Against `npm start`: no arguments (DynamoDB Local on
 * DYNAMODB_LOCAL_PORT, default 8000, table TABLE_NAME, default hotel-booking-local). Against AWS:
 * `--table <name>` with the usual AWS credentials and AWS_REGION, and no endpoint.
 */
export function tableFromArgs() {
  const { values } = parseArgs({
    options: { table: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } },
  });
  const aws = values.table !== undefined && values.endpoint === undefined;
  const tableName = values.table ?? process.env.TABLE_NAME ?? 'hotel-booking-local';
  const endpoint = values.endpoint ?? (aws ? undefined : `http://127.0.0.1:${process.env.DYNAMODB_LOCAL_PORT ?? 8000}`);
  const doc = createDocumentClient({ region: values.region ?? process.env.AWS_REGION ?? 'us-east-1', ...(endpoint ? { endpoint } : {}) });
  return { doc, tableName };
}
