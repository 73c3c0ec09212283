import { loadConfig } from '../config.js';
import { openStore } from '../store/store.js';
import type { Customer } from '../store/records.js';

const USAGE = [
  'usage: threadline customers show <identity>',
  '       threadline customers link <identity> <identity>',
  'An identity is platform:workspace:user, e.g. slack:T0123:U0456 or discord:987654321:123456789.',
].join('\n');

/** Admin view of unified profiles: look one up, or join two platform identities into one person. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...identities] = args;
  const wanted = sub === 'show' ? 1 : sub === 'link' ? 2 : -1;
  if (identities.length !== wanted || identities.some((i) => i.split(':').length < 3)) {
    console.error(USAGE);
    return 2;
  }
  const store = await openStore(loadConfig().STORE_URL);
  try {
    const found: Customer[] = [];
    for (const identity of identities) {
      const customer = await store.customers.findByIdentity(identity);
      if (!customer) {
        console.error(`no customer has the identity ${identity} (they appear after their first message)`);
        return 1;
      }
      found.push(customer);
    }
    const [first, second] = found as [Customer, Customer | undefined];
    const customer = second ? await store.customers.link(first.id, second.id) : first;
    if (second) await store.events.append('customer.linked', { data: { customerId: customer.id, identities: customer.identities, by: 'cli' } });
    console.log(describe(customer));
    return 0;
  } finally {
    await store.close();
  }
}

function describe(c: Customer): string {
  return [
    `${c.displayName}${c.email ? ` <${c.email}>` : ''} (profile ${c.id})`,
    `  identities: ${c.identities.join(', ')}`,
    `  conversations: ${c.conversationIds.length}`,
    `  last CES: ${c.lastCes ? `${c.lastCes.score}/7 on ${c.lastCes.at.slice(0, 10)}` : 'none'}`,
  ].join('\n');
}
