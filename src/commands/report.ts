import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { buildReport } from '../reports/build-report.js';
import { formatReport } from '../reports/format-report.js';
import { reportPeriod } from '../reports/report-period.js';
import { openStore } from '../store/store.js';

export const USAGE = [
  'usage: threadline report [--days N | --since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]',
  '  the period is in UTC and includes both named days (default: the 30 days up to now, or up to --until)',
].join('\n');

/** `threadline report`: CES, deflection and knowledge gaps over a period (default: the last 30 days). */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { days: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const period = reportPeriod(values);
  if (typeof period === 'string') {
    console.error(`threadline report: ${period}\n${USAGE}`);
    return 2;
  }
  const store = await openStore(loadConfig().STORE_URL);
  try {
    const report = await buildReport(store, period);
    if (values.json) console.log(JSON.stringify(report));
    else console.log(formatReport(report));
  } finally {
    await store.close();
  }
  return 0;
}
