// Which Slack messages become engine messages, decided by SlackInbound against a FakeSlack Web API
// (users.info, usergroups, permalinks) and a real in-memory store.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIdFor, newConversation } from '../../src/engine/conversation.js';
import { silentLogger } from '../../src/logger.js';
import { SlackInbound } from '../../src/platforms/slack/inbound.js';
import { messageEvent, type MessageEvent } from '../../src/platforms/slack/payloads.js';
import { SlackPeople } from '../../src/platforms/slack/people.js';
import { SlackRouting } from '../../src/platforms/slack/routing.js';
import { openStore, type Store } from '../../src/store/store.js';
import { FakeSlack } from '../fakes/slack/index.js';
import { AGENT, CUSTOMER, OTHER_CHANNEL, SUPPORT_CHANNEL, SUPPORT_GROUP, fakeOptions } from './harness.js';

let fake: FakeSlack;
let store: Store;
let inbound: SlackInbound;
const BOT = 'U0BOT00001';
const TEAM = 'T0TEAM0001';

beforeAll(async () => {
  fake = await FakeSlack.start(fakeOptions);
  store = await openStore('memory://');
  const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const routing = new SlackRouting({ SLACK_SUPPORT_CHANNELS: [SUPPORT_CHANNEL], SLACK_AGENT_CHANNELS: {}, SLACK_TEAM_GROUPS: { '*': SUPPORT_GROUP }, SLACK_AGENT_USERS: [], SLACK_AGENT_GROUPS: [], DEFAULT_TEAM: 'support' });
  inbound = new SlackInbound({ client, store, people: new SlackPeople(client, routing, silentLogger), routing, logger: silentLogger });
});
afterAll(async () => {
  await store.close();
  await fake.close();
});

const event = (overrides: Record<string, unknown>): MessageEvent => messageEvent.parse(fake.fixtures.messageEvent({ channel: SUPPORT_CHANNEL, ...overrides }));
const translate = (overrides: Record<string, unknown>) => inbound.message(TEAM, event(overrides), BOT);

describe('SlackInbound.message: where the bot listens', () => {
  it('a top-level message in a support channel is a question, with the thread, the person and a stable event id', async () => {
    const e = event({ text: 'How do I &lt;export&gt; shifts?' });
    fake.addMessage({ channel: SUPPORT_CHANNEL, ts: e.ts, text: e.text, user: CUSTOMER });
    const message = await inbound.message(TEAM, e, BOT);
    expect(message).toEqual({
      kind: 'message',
      eventId: `${TEAM}:${SUPPORT_CHANNEL}:${e.ts}`,
      thread: { platform: 'slack', workspaceId: TEAM, channelId: SUPPORT_CHANNEL, threadId: e.ts, isDirect: false, link: `https://threadline-test.slack.com/archives/${SUPPORT_CHANNEL}/p${e.ts.replace('.', '')}` },
      from: { platform: 'slack', workspaceId: TEAM, id: CUSTOMER, displayName: 'Casey Customer', email: 'casey@example.com', isAgent: false },
      text: 'How do I <export> shifts?',
    });
  });

  it('a mention anywhere is a question, with the bot mention stripped; a DM is a question', async () => {
    const mention = await translate({ channel: OTHER_CHANNEL, type: 'app_mention', text: `<@${BOT}> hi <@U0OTHER001|sam>, see <https://x.example|this>` });
    expect(mention?.text).toBe('hi sam, see this (https://x.example)');
    expect(mention?.thread.link).toBeUndefined(); // not in the fake: the link is best effort
    const dm = await translate({ channel: 'D0USER0001', channel_type: 'im', text: 'hello' });
    expect(dm?.thread).toMatchObject({ channelId: 'D0USER0001', isDirect: true });
    const mentionInDm = await translate({ channel: 'D0USER0001', type: 'app_mention', channel_type: undefined, text: `<@${BOT}> hello again` });
    expect(mentionInDm?.thread).toMatchObject({ channelId: 'D0USER0001', isDirect: true });
  });

  it('ignores other channels, bots, the bot itself, edits and joins', async () => {
    expect(await translate({ channel: OTHER_CHANNEL, text: 'lunch?' })).toBeUndefined();
    expect(await translate({ bot_id: 'B0OTHER', text: 'deploy done' })).toBeUndefined();
    expect(await translate({ user: BOT, text: 'my own answer' })).toBeUndefined();
    expect(await translate({ subtype: 'bot_message', user: undefined, text: 'webhook' })).toBeUndefined();
    expect(await translate({ subtype: 'message_changed', text: 'edited' })).toBeUndefined();
    expect(await translate({ subtype: 'channel_join', text: '<@U0USER0001> has joined' })).toBeUndefined();
    expect(await translate({ subtype: 'thread_broadcast', text: 'also sent to the channel' })).toBeDefined();
  });

  it("an agent's top-level post in a support channel is an announcement, not a question (unless it mentions the bot)", async () => {
    expect(await translate({ user: AGENT, text: 'Heads-up: maintenance tonight' })).toBeUndefined();
    expect(await translate({ user: AGENT, text: `<@${BOT}> how do refunds work?` })).toMatchObject({ from: { id: AGENT, isAgent: true } });
  });

  it('a reply in a thread counts only when the thread already is a conversation; it keeps the stored thread', async () => {
    const root = event({ text: 'first question' });
    expect(await translate({ thread_ts: root.ts, text: 'follow-up before any conversation' })).toBeUndefined();

    const thread = { platform: 'slack' as const, workspaceId: TEAM, channelId: SUPPORT_CHANNEL, threadId: root.ts, link: 'https://stored.example/link' };
    const person = await store.customers.upsert({ platform: 'slack', workspaceId: TEAM, id: CUSTOMER, isAgent: false });
    await store.conversations.save(newConversation(thread, person, 'first question', new Date()));
    const followUp = await translate({ thread_ts: root.ts, text: 'follow-up', user: AGENT });
    expect(followUp).toMatchObject({ thread, from: { id: AGENT, isAgent: true }, text: 'follow-up' });
    expect(conversationIdFor(followUp!.thread)).toBe(conversationIdFor(thread));
  });
});
