import { loadConfig } from '../config.js';
import { exportCustomer, forgetCustomer } from '../store/erasure.js';
import { openStore, type Store } from '../store/store.js';
import type { Customer } from '../store/records.js';

export const USAGE = [
  'usage: threadline customers find <name, email or id>   the profiles that match (up to 20), with their identities',
  '       threadline customers show <identity>',
  '       threadline customers link <identity> <identity>',
  '       threadline customers export <identity>          everything stored about the person, as JSON',
  '       threadline customers forget <identity> [--yes]  erase the person (without --yes: only say what would go)',
  'An identity is platform:workspace:user, e.g. slack:T0123:U0456 or discord:users:123456789.',
].join('\n');

const IDENTITIES_WANTED: Record<string, number> = { show: 1, link: 2, export: 1, forget: 1 };
const FOUND_AT_MOST = 20;

/**
 * Admin view of unified profiles: find one by name, look one up, join two identities into one person, export or
 * erase a person.
 */
export async function run(args: string[]): Promise<number> {
  const confirmed = args.includes('--yes');
  const [sub = '', ...identities] = args.filter((a) => a !== '--yes');
  const problem = usageProblem(sub, identities, confirmed);
  if (problem) {
    console.error(`threadline customers: ${problem}\n${USAGE}`);
    return 2;
  }
  const store = await openStore(loadConfig().STORE_URL);
  try {
    if (sub === 'find') return await find(store, identities.join(' '));
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
    if (sub === 'export') {
      console.log(JSON.stringify(await exportCustomer(store, first), null, 2));
      return 0;
    }
    if (sub === 'forget') return await forget(store, first, confirmed); // before the store closes
    if (second && second.id === first.id) {
      console.log(`already one profile:\n${describe(first)}`);
      return 0;
    }
    const customer = second ? await store.customers.link(first.id, second.id) : first;
    if (second) await store.events.append('customer.linked', { data: { customerId: customer.id, identities: customer.identities, by: 'cli' } });
    console.log(describe(customer));
    return 0;
  } finally {
    await store.close();
  }
}

/** What is wrong with the arguments, in one line, or undefined when they are fine. */
function usageProblem(sub: string, args: string[], confirmed: boolean): string | undefined {
  if (!sub) return 'say what to do: find, show, link, export or forget';
  if (sub === 'find') return args.join('').trim() ? (confirmed ? '--yes only goes with forget' : undefined) : 'find needs a name, email or id to look for';
  const wanted = IDENTITIES_WANTED[sub];
  if (wanted === undefined) return `unknown command "${sub}" (find, show, link, export or forget)`;
  if (args.length !== wanted) return `${sub} takes ${wanted === 1 ? 'one identity' : 'two identities'}, got ${args.length}`;
  const notIdentity = args.find((a) => a.split(':').length < 3);
  if (notIdentity) return `"${notIdentity}" is not an identity (platform:workspace:user); \`threadline customers find ${notIdentity}\` looks it up`;
  if (confirmed && sub !== 'forget') return '--yes only goes with forget';
  if (sub === 'link' && args[0] === args[1]) return `link joins two different identities; both are ${args[0]}`;
  return undefined;
}

/** Profiles whose name, email, profile id or an identity contains `text` (case-insensitive). */
async function find(store: Store, text: string): Promise<number> {
  const wanted = text.trim().toLowerCase();
  const found: Customer[] = [];
  let more = 0;
  for await (const customer of store.customers.all()) {
    const fields = [customer.displayName, customer.email ?? '', customer.id, ...customer.identities];
    if (!fields.some((f) => f.toLowerCase().includes(wanted))) continue;
    if (found.length < FOUND_AT_MOST) found.push(customer);
    else more++;
  }
  if (found.length === 0) {
    console.error(`no customer's name, email or identity contains "${text.trim()}" (they appear after their first message)`);
    return 1;
  }
  console.log(found.map(describe).join('\n\n'));
  if (more) console.log(`\n… and ${more} more: narrow the search`);
  return 0;
}

async function forget(store: Store, customer: Customer, confirmed: boolean): Promise<number> {
  console.log(describe(customer));
  if (!confirmed) {
    console.log('\nThis would delete the profile and its conversations (transcripts included), remove the comments and the');
    console.log('person from their CES answers (scores stay for reports) and their words and identities from the event log.');
    console.log('Run again with --yes to erase them. `threadline customers export` first gives them their data.');
    return 0;
  }
  const erased = await forgetCustomer(store, customer);
  console.log(`\nErased: ${erased.conversations} conversations deleted, ${erased.cesAnswers} CES answers anonymised (scores kept), ${erased.events} events redacted.`);
  return 0;
}

function describe(c: Customer): string {
  return [
    `${c.displayName}${c.email ? ` <${c.email}>` : ''} (profile ${c.id})`,
    `  identities: ${c.identities.join(', ')}`,
    `  conversations: ${c.conversationIds.length}`,
    `  last CES: ${c.lastCes ? `${c.lastCes.score}/7 on ${c.lastCes.at.slice(0, 10)}` : 'none'}`,
  ].join('\n');
}
