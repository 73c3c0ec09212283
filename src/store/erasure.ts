import type { Conversation, Customer, LoggedEvent, SurveyResponse } from './records.js';
import type { Store } from './store.js';
import { ERASED } from './surveys.js';

/** Everything threadline holds about one person (a data subject's access request), as plain JSON. */
export interface CustomerExport {
  profile: Customer;
  conversations: Conversation[];
  cesAnswers: SurveyResponse[];
  events: LoggedEvent[];
}

export interface ErasureSummary {
  conversations: number;
  cesAnswers: number;
  events: number;
}

/** Event data that is the person's own words or identity; counts, scores, teams and articles stay for reports. */
const PERSONAL_EVENT_FIELDS = ['question', 'comment', 'identities', 'customerId'];

export async function exportCustomer(store: Store, customer: Customer): Promise<CustomerExport> {
  const ids = new Set(customer.conversationIds);
  const conversations = (await Promise.all(customer.conversationIds.map((id) => store.conversations.get(id)))).filter((c) => c !== undefined);
  const cesAnswers: SurveyResponse[] = [];
  for await (const response of store.surveys.all()) if (ids.has(response.conversationId)) cesAnswers.push(response);
  const events = (await store.events.list()).filter((e) => concerns(e, ids, customer.id));
  return { profile: customer, conversations, cesAnswers, events };
}

/**
 * Erases a person (a data subject's erasure request): their profile and conversations (transcripts included) are
 * deleted; their CES answers keep only the score, and the event log keeps only what reports count, without their
 * words or identities. Reports of past periods keep their figures.
 */
export async function forgetCustomer(store: Store, customer: Customer, now = new Date()): Promise<ErasureSummary> {
  const ids = new Set(customer.conversationIds);
  const events = await store.events.rewrite((event) => {
    if (!concerns(event, ids, customer.id) || !PERSONAL_EVENT_FIELDS.some((key) => key in event.data)) return undefined;
    const data = Object.fromEntries(Object.entries(event.data).filter(([key]) => !PERSONAL_EVENT_FIELDS.includes(key)));
    return { ...event, data: event.data.customerId === undefined ? data : { ...data, customerId: ERASED } };
  });
  const cesAnswers = await store.surveys.anonymise(ids);
  let conversations = 0;
  for (const id of ids) {
    if (!(await store.conversations.get(id))) continue;
    await store.conversations.delete(id);
    // without it, a handoff the person was waiting on would count as waiting for ever
    await store.events.append('conversation.erased', { at: now, conversationId: id, data: {} });
    conversations += 1;
  }
  await store.customers.forget(customer);
  return { conversations, cesAnswers, events };
}

function concerns(event: LoggedEvent, conversationIds: ReadonlySet<string>, customerId: string): boolean {
  return (event.conversationId !== undefined && conversationIds.has(event.conversationId)) || event.data.customerId === customerId;
}
