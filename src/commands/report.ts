import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { buildReport } from '../reports/build-report.js';
import { formatReport } from '../reports/format-report.js';
import { openStore } from '../store/store.js';

const USAGE = 'usage: threadline report [--days N | --since YYYY-MM-DD [--until YYYY-MM-DD]] [--json]';

/** `threadline report`: CES, deflection and knowledge gaps over a period (default: the last 30 days). */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { days: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    return 2;
  }
  const until = values.until ? new Date(values.until) : new Date();
  const days = Number(values.days ?? 30);
  const since = values.since ? new Date(values.since) : new Date(until.getTime() - days * 86_400_000);
  if ([since, until].some((d) => Number.isNaN(d.getTime())) || !(days > 0)) {
    console.error(`dates must be YYYY-MM-DD and --days a positive number\n${USAGE}`);
    return 2;
  }
  const store = await openStore(loadConfig().STORE_URL);
  try {
    const report = await buildReport(store, { since, until: values.until ? until : new Date(until.getTime() + 1) });
    if (values.json) console.log(JSON.stringify(report));
    else console.log(formatReport(report));
  } finally {
    await store.close();
  }
  return 0;
}
