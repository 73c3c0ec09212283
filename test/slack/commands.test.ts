import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../src/engine/conversation.js';
import { parseCommand } from '../../src/platforms/slack/commands.js';

const teams = ['accounts', 'billing', 'support'];
const id = 'cP05nXCI2El9oqYT';

describe('/threadline parsing', () => {
  it('takes the conversation by id anywhere in the arguments', () => {
    expect(parseCommand(`resolve ${id}`, 'T1', teams)).toEqual({ kind: 'command', name: 'resolve', args: [], conversationId: id });
    expect(parseCommand(`handoff billing ${id}`, 'T1', teams)).toEqual({ kind: 'command', name: 'handoff', args: ['billing'], conversationId: id });
    expect(parseCommand(`HANDOFF ${id} billing`, 'T1', teams)).toEqual({ kind: 'command', name: 'handoff', args: ['billing'], conversationId: id });
  });

  it('takes the conversation by thread link, also a link to a reply, also wrapped by Slack', () => {
    const expected = conversationIdFor({ platform: 'slack', workspaceId: 'T1', channelId: 'C0SUPPORT1', threadId: '1700000000.000100' });
    const root = 'https://acme.slack.com/archives/C0SUPPORT1/p1700000000000100';
    const reply = 'https://acme.slack.com/archives/C0SUPPORT1/p1700000000000900?thread_ts=1700000000.000100&cid=C0SUPPORT1';
    expect(parseCommand(`status ${root}`, 'T1', teams)).toMatchObject({ conversationId: expected });
    expect(parseCommand(`claim <${reply}>`, 'T1', teams)).toMatchObject({ conversationId: expected });
  });

  it('answers with usage when something is missing or unknown; link needs no conversation', () => {
    expect(parseCommand('', 'T1', teams)).toEqual({ kind: 'usage', problem: undefined });
    expect(parseCommand('help', 'T1', teams)).toEqual({ kind: 'usage', problem: undefined });
    expect(parseCommand('explode', 'T1', teams)).toEqual({ kind: 'usage', problem: 'Unknown command "explode".' });
    expect(parseCommand('status', 'T1', teams)).toMatchObject({ kind: 'usage', problem: expect.stringContaining('needs the conversation') });
    expect(parseCommand(`handoff ${id}`, 'T1', teams)).toMatchObject({ kind: 'usage', problem: expect.stringContaining('needs the team') });
    expect(parseCommand('link 123456', 'T1', teams)).toEqual({ kind: 'command', name: 'link', args: ['123456'], conversationId: undefined });
  });

  it('never takes a team name for a conversation id', () => {
    expect(parseCommand(`handoff csupportteam0001 ${id}`, 'T1', [...teams, 'csupportteam0001'])).toMatchObject({ args: ['csupportteam0001'], conversationId: id });
  });
});
