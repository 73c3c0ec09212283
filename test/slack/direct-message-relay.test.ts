// A question in a direct message with the bot, handed off: agents cannot open someone else's DM with the bot, so
// they answer in the thread of the context packet and the bot passes messages both ways. Through Bolt over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { AGENT, AGENTS_CHANNEL, CUSTOMER, customerMessage, replyIn, startHarness, textOf, waitUntil, type Harness } from './harness.js';

const DM = 'D0CASEY001';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('Slack: a handoff from a direct message', () => {
  it('relays through the packet thread: the agent answers there, the customer in the DM, the conversation is claimed', async () => {
    const { fake, sender, app } = h;
    const question = customerMessage(fake, { channel: DM, text: 'I want to talk to a person about my account' });
    await sender.sendEvent(question);
    const dmThread = String(question.ts);
    const id = conversationIdFor({ platform: 'slack', workspaceId: fake.config.teamId, channelId: DM, threadId: dmThread });

    const notice = await replyIn(fake, dmThread);
    expect(notice.args.text).toMatch(/^I'm handing this to our accounts team\. A person will reply right here/); // no group paged: they cannot see a DM
    const packet = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL && c.args.thread_ts === undefined);
    expect(textOf(packet.args)).toContain(`in a direct message with the bot; reply in this message's thread and I'll pass it on to <@${CUSTOMER}>`);
    const packetTs = (packet.response as { ts: string }).ts;
    const intro = await replyIn(fake, packetTs);
    expect(intro.args).toMatchObject({ channel: AGENTS_CHANNEL });
    expect(String(intro.args.text)).toMatch(/^Casey Customer asked in a direct message with me/);

    // the agent replies in the packet's thread: the customer reads it in the DM thread
    await sender.sendEvent(customerMessage(fake, { channel: AGENTS_CHANNEL, thread_ts: packetTs, user: AGENT, text: 'Hi Casey, which invoice is it?' }));
    const relayed = await replyIn(fake, dmThread, (c) => String(c.args.text).startsWith('Alex Agent:'));
    expect(relayed.args).toMatchObject({ channel: DM, text: 'Alex Agent: Hi Casey, which invoice is it?' });
    const claimed = await waitUntil(async () => (await app.store.conversations.get(id))?.handoff?.assignee, "claimed by the relay reply");
    expect(claimed.name).toBe('Alex Agent');

    // the customer answers in the DM: the agents' thread gets it
    await sender.sendEvent(customerMessage(fake, { channel: DM, thread_ts: dmThread, text: 'INV-2041' }));
    const back = await replyIn(fake, packetTs, (c) => String(c.args.text).includes('INV-2041'));
    expect(back.args).toMatchObject({ channel: AGENTS_CHANNEL, text: 'Casey Customer: INV-2041' });

    // people rarely reply in a thread in a DM: a new message there still belongs to the conversation with a person
    const topLevel = customerMessage(fake, { channel: DM, text: 'it was charged on the 3rd' });
    await sender.sendEvent(topLevel);
    const alsoBack = await replyIn(fake, packetTs, (c) => String(c.args.text).includes('charged on the 3rd'));
    expect(alsoBack.args).toMatchObject({ channel: AGENTS_CHANNEL, text: 'Casey Customer: it was charged on the 3rd' });
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === String(topLevel.ts))).toEqual([]); // no new question opened

    // a screenshot without words reaches the agents as a link to the file
    const permalink = 'https://example.slack.com/files/U0USER0001/F0SCREEN01/error.png';
    await sender.sendEvent(customerMessage(fake, { channel: DM, thread_ts: dmThread, subtype: 'file_share', text: '', files: [{ id: 'F0SCREEN01', name: 'error.png', mimetype: 'image/png', permalink }] }));
    const screenshot = await replyIn(fake, packetTs, (c) => String(c.args.text).includes('error.png'));
    expect(screenshot.args.text).toBe(`Casey Customer: 📎 error.png (${permalink})`);

    // a long message arrives whole: as many sections as it needs, none cut at Slack's 3,000 characters
    const long = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ');
    await sender.sendEvent(customerMessage(fake, { channel: DM, thread_ts: dmThread, text: long }));
    const relayedLong = await replyIn(fake, packetTs, (c) => String(c.args.text).includes('word699'));
    const blocks = relayedLong.args.blocks as Array<{ text: { text: string } }>;
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.map((b) => b.text.text).join(' ')).toBe(`Casey Customer: ${long}`);
  });

  it('a reply in the thread of a packet from a channel conversation is not relayed (agents write in its thread)', async () => {
    const { fake, sender } = h;
    const question = customerMessage(fake, { text: 'I want to talk to a person' });
    await sender.sendEvent(question);
    const packet = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL && c.args.thread_ts === undefined);
    const packetTs = (packet.response as { ts: string }).ts;
    const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    const before = posts();
    await sender.sendEvent(customerMessage(fake, { channel: AGENTS_CHANNEL, thread_ts: packetTs, user: AGENT, text: 'I will take this one' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts()).toBe(before);
  });
});

describe('Slack: a group DM that includes the bot', () => {
  const GROUP_DM = 'G0CASEYGRP';

  it('answers only a mention there, and relays a handoff like a DM: no group paged where agents cannot see', async () => {
    const { fake, sender } = h;
    const chatter = customerMessage(fake, { channel: GROUP_DM, channel_type: 'mpim', text: 'shall we ask the bot about the invoice?' });
    await sender.sendEvent(chatter);

    const text = `<@${fake.config.botUserId}> I want to talk to a person about my account`;
    const question = customerMessage(fake, { channel: GROUP_DM, channel_type: 'mpim', text });
    // the mention comes twice; the app_mention copy (no channel_type) arrives first here
    await sender.sendEvent(fake.fixtures.appMentionEvent({ channel: GROUP_DM, ts: String(question.ts), text }));
    await sender.sendEvent(question);

    const notice = await replyIn(fake, String(question.ts));
    expect(notice.args.text).toMatch(/^I'm handing this to our accounts team\. A person will reply right here/);
    const packet = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === AGENTS_CHANNEL && c.args.thread_ts === undefined);
    expect(textOf(packet.args)).toContain("in a direct message with the bot; reply in this message's thread");
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === chatter.ts)).toEqual([]); // people talking among themselves
  });
});
