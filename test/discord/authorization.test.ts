// Who may press what: members of an agent role Claim and Resolve; only the conversation's customer rates it or
// uses its buttons. Everyone else gets an ephemeral explanation as the interaction's response, and nothing changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDS, ask, conversationOf, firstResponse, idOf, labelsOf, postIn, press, startHarness, type Harness } from './harness.js';

const EPHEMERAL = 64;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function handedOff() {
  const question = await ask(h.fake, 'Can I talk to a person?');
  const packet = await postIn(h.fake, IDS.agentsChannel);
  return { question, packet, id: conversationOf(question.id) };
}

async function surveyed() {
  const question = await ask(h.fake, 'How do I reset my password?');
  const answer = await postIn(h.fake, question.id);
  await press(h.fake, idOf(answer), 'solved');
  const survey = await postIn(h.fake, question.id, (b) => labelsOf(b).length === 7);
  return { question, survey, id: conversationOf(question.id) };
}

describe('Discord authorization', () => {
  it('a non-agent pressing Resolve on the packet is refused ephemerally; the conversation stays handed off', async () => {
    const { packet, id } = await handedOff();
    const pressed = await press(h.fake, idOf(packet), 'resolve', { user: IDS.bystander });
    expect(await firstResponse(h.fake, pressed)).toEqual({ type: 4, data: expect.objectContaining({ content: 'Only Brightloom support agents can do that.', flags: EPHEMERAL }) });
    expect((await h.app.store.conversations.get(id))?.state).toBe('handed_off');
    expect(h.fake.callsTo('PATCH /channels/:id/messages/:mid')).toEqual([]);
  });

  it('the customer cannot claim their own handoff either', async () => {
    const { packet } = await handedOff();
    const pressed = await press(h.fake, idOf(packet), 'claim', { user: IDS.customer });
    expect(await firstResponse(h.fake, pressed)).toMatchObject({ type: 4, data: { content: 'Only Brightloom support agents can do that.', flags: EPHEMERAL } });
  });

  it('roles decide, not names: a bystander given the agent role (per interaction) may claim', async () => {
    const { packet, question } = await handedOff();
    const pressed = await h.fake.pressButton({ message: idOf(packet), customId: `tl:claim:${conversationOf(question.id)}`, user: IDS.bystander, roles: [IDS.agentRole] });
    expect(await firstResponse(h.fake, pressed)).toEqual({ type: 6 });
    await postIn(h.fake, question.id, (b) => b.content === 'Blake Bystander from our support team is looking at this now.');
  });

  it('someone other than the customer pressing a CES button is refused; the survey stays open', async () => {
    const { survey, id } = await surveyed();
    const pressed = await press(h.fake, idOf(survey), 'rate', { label: '7 · Strongly agree', user: IDS.bystander });
    expect(await firstResponse(h.fake, pressed)).toMatchObject({ type: 4, data: { content: 'Only the person who asked the question can answer this survey.', flags: EPHEMERAL } });
    expect(await h.app.store.surveys.get(id, 1)).toBeUndefined();
    expect(h.fake.callsTo('PATCH /channels/:id/messages/:mid')).toEqual([]);
    // Even an agent may not answer the customer's survey.
    const byAgent = await press(h.fake, idOf(survey), 'rate', { label: '1 · Strongly disagree', user: IDS.agent });
    expect(await firstResponse(h.fake, byAgent)).toMatchObject({ type: 4, data: { content: 'Only the person who asked the question can answer this survey.' } });
  });

  it("someone else pressing Solved on the customer's answer is refused", async () => {
    const question = await ask(h.fake, 'How do I reset my password?');
    const answer = await postIn(h.fake, question.id);
    const pressed = await press(h.fake, idOf(answer), 'solved', { user: IDS.bystander });
    expect(await firstResponse(h.fake, pressed)).toMatchObject({ type: 4, data: { content: 'Only the person who asked can use these buttons.', flags: EPHEMERAL } });
  });

  it('a component that does not decode (an old or forged custom_id) gets an ephemeral answer, not silence', async () => {
    const question = await ask(h.fake, 'How do I reset my password?');
    const answer = await postIn(h.fake, question.id);
    // Pretend an older version posted a button whose id no longer decodes.
    h.fake.messages.update(idOf(answer), { components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'tl:explode:nope', label: 'Old' }] }] });
    const pressed = await h.fake.pressButton({ message: idOf(answer), customId: 'tl:explode:nope', user: IDS.customer });
    expect(await firstResponse(h.fake, pressed)).toMatchObject({ type: 4, data: { content: "I can't find that conversation any more.", flags: EPHEMERAL } });
  });
});
