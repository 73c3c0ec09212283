import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine } from '../../engine/engine.js';
import { conversationIdFor } from '../../engine/conversation.js';
import type { Button, CommandName, Destination, Inbound, Outbox, Person, PostedRef, Reply, ThreadRef } from '../../engine/types.js';
import { renderReply } from './render.js';

const HELP = [
  'You are the customer: type a question. Buttons show as [Label]: type the label (or a number) to press it.',
  'Commands: /agent (act as a support agent)  /customer (back to customer)  /claim  /resolve  /handoff <team>',
  '          /status  /link [code]  /new (start a new thread)  /help  /quit',
];

export interface ConsoleChatOptions {
  engine: Engine;
  input: Readable;
  output: Writable;
  /** Shown in the banner. */
  title?: string;
  customerName?: string;
}

/**
 * The console platform: a local chat where one person plays the customer and, with /agent, the support
 * agent, to try a full answer → handoff → resolve → survey flow. Reads lines from any stream (TTY or pipe),
 * handles each before reading the next, and returns when input ends.
 */
export class ConsoleChat {
  private readonly session = randomBytes(3).toString('hex');
  private eventSeq = 0;
  private threadSeq = 1;
  private role: 'customer' | 'agent' = 'customer';
  private customerButtons: Button[] = [];
  private agentButtons: Button[] = [];
  private awaitingComment?: { conversationId: string; round: string };
  /** The comment prompt of a low score, shown once the turn that asked for it is done. */
  private deferredPrompt?: { prefix: string; lines: string[] };
  private readonly customer: Person;
  private readonly agent: Person = { platform: 'console', workspaceId: 'local', id: 'console-agent', displayName: 'Console Agent', isAgent: true };
  private messageSeq = 0;
  /** Set while an interactive prompt waits for input: redraws it after output printed meanwhile. */
  private promptShown?: () => void;

  constructor(private readonly options: ConsoleChatOptions) {
    const name = options.customerName ?? 'You';
    this.customer = { platform: 'console', workspaceId: 'local', id: `console-${name.toLowerCase().replace(/\W+/g, '-')}`, displayName: name, isAgent: false };
  }

  /** Runs until /quit or end of input. */
  async run(): Promise<void> {
    const { input, output } = this.options;
    const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
    const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
    this.print(`threadline console${this.options.title ? ` — ${this.options.title}` : ''}`);
    for (const line of HELP) this.print(line);
    const prompt = () => {
      if (!interactive) return;
      rl.setPrompt(`${this.role}> `);
      rl.prompt();
    };
    prompt();
    // output that no typed line caused (a knowledge report) is printed above the prompt, which is then redrawn
    if (interactive) this.promptShown = () => rl.prompt(true);
    for await (const raw of rl) {
      const redraw = this.promptShown;
      this.promptShown = undefined;
      if (!interactive && raw.trim()) this.print(`${this.role}> ${raw}`);
      if ((await this.onLine(raw.trim())) === 'quit') break;
      prompt();
      this.promptShown = redraw;
    }
    this.promptShown = undefined;
    rl.close();
  }

  private get thread(): ThreadRef {
    return { platform: 'console', workspaceId: 'local', channelId: 'console', threadId: `${this.session}-${this.threadSeq}` };
  }

  private get person(): Person {
    return this.role === 'agent' ? this.agent : this.customer;
  }

  private async onLine(line: string): Promise<'quit' | void> {
    if (this.awaitingComment && this.role === 'customer') {
      const { conversationId, round } = this.awaitingComment;
      this.awaitingComment = undefined;
      if (!line) return this.print('(no comment, that is fine)');
      return this.send({ kind: 'action', eventId: this.eventId(), conversationId, from: this.customer, action: 'comment', value: `${round}:${line}` });
    }
    if (!line) return;
    if (line.startsWith('/')) return this.command(line);
    const button = this.findButton(line);
    if (button) {
      return this.send({ kind: 'action', eventId: this.eventId(), conversationId: button.conversationId, from: this.person, action: button.action, value: button.value, thread: this.thread });
    }
    // an agent's "claim" / "resolve" with no such button showing still asks, and hears why it cannot be done
    if (this.role === 'agent' && /^(?:claim|resolve)$/i.test(line)) return this.command(`/${line}`);
    // the agent meant the button even when it is not showing: the engine says why it cannot be done here,
    // instead of "claim" becoming the agent's own question
    if (this.role === 'agent' && /^(claim|resolve)[.!]*$/i.test(line)) return this.command(`/${line.replace(/[.!]+$/, '')}`);
    await this.send({ kind: 'message', eventId: this.eventId(), thread: this.thread, from: this.person, text: line });
  }

  private async command(line: string): Promise<'quit' | void> {
    const [name = '', ...args] = line.slice(1).split(/\s+/);
    const conversationId = conversationIdFor(this.thread);
    switch (name.toLowerCase()) {
      case 'quit':
      case 'exit':
        return 'quit';
      case 'help':
        return HELP.forEach((l) => this.print(l));
      case 'agent':
        this.role = 'agent';
        return this.print('You are now a support agent. Type claim / resolve (or /claim, /resolve, /handoff <team>); /customer to switch back.');
      case 'customer':
        this.role = 'customer';
        return this.print('You are the customer again.');
      case 'new':
        this.threadSeq += 1;
        this.customerButtons = [];
        this.agentButtons = [];
        return this.print('(new thread)');
      case 'claim':
      case 'resolve':
      case 'handoff':
      case 'status':
      case 'link':
        return this.send({ kind: 'command', eventId: this.eventId(), name: name.toLowerCase() as CommandName, args, from: this.person, thread: this.thread, conversationId });
      default:
        return this.print(`unknown command /${name}; type /help`);
    }
  }

  /** A typed line presses a visible button when it is its label, or its number in the list shown. */
  private findButton(line: string): Button | undefined {
    const buttons = this.role === 'agent' ? this.agentButtons : this.customerButtons;
    const wanted = line.toLowerCase().replace(/^\[|\]$/g, '').replace(/[.!]+$/, '').trim();
    const byLabel = buttons.find((b) => b.label.toLowerCase() === wanted);
    if (byLabel || !/^\d$/.test(wanted)) return byLabel;
    const rate = buttons.filter((b) => b.action === 'rate');
    if (rate.length) return rate.find((b) => b.label === wanted);
    return buttons.filter((b) => b.action === 'choose')[Number(wanted) - 1];
  }

  private async send(inbound: Inbound): Promise<void> {
    try {
      await this.options.engine.handle(inbound, this.outbox);
    } finally {
      // the comment prompt comes last, after the thanks: it is what the next line answers (on Slack and Discord
      // it is a form that opens at once, beside the messages)
      const prompt = this.deferredPrompt;
      this.deferredPrompt = undefined;
      if (prompt) this.show(prompt.prefix, prompt.lines);
    }
  }

  private eventId(): string {
    return `${this.session}:${++this.eventSeq}`;
  }

  /** Where the bot's replies are printed; also for replies no typed line causes (knowledge reports to [admins]). */
  readonly outbox: Outbox = {
    send: async (destination: Destination, reply: Reply): Promise<PostedRef> => {
      this.remember(destination, reply);
      if (reply.kind === 'comment-request') this.deferredPrompt = { prefix: this.prefix(destination), lines: renderReply(reply) };
      else this.show(this.prefix(destination), renderReply(reply));
      return { platform: 'console', channelId: destination.to, messageId: String(++this.messageSeq) };
    },
    update: async (_ref: PostedRef, reply: Reply): Promise<void> => {
      if (reply.kind === 'context-packet') {
        const p = reply.packet;
        this.show(`[${p.team} agents] `, [`(packet updated) ${p.statusText}`]);
        this.agentButtons = reply.buttons;
      } else if (reply.kind === 'alert') {
        this.show(`[${reply.packet.team} agents] `, [`(alert updated) ${reply.text}`, ...(reply.comment ? [`  Comment: "${reply.comment}"`] : [])]);
      } else if (reply.kind === 'notice' || reply.kind === 'text') {
        this.customerButtons = this.customerButtons.filter((b) => b.action !== 'rate');
        this.show('bot> ', [`(updated) ${reply.text.replace(/\n/g, ' ')}`]);
      }
    },
  };

  private remember(destination: Destination, reply: Reply): void {
    if (reply.kind === 'comment-request') this.awaitingComment = { conversationId: reply.conversationId, round: reply.value };
    if (destination.to === 'agents' && reply.kind === 'context-packet') this.agentButtons = reply.buttons;
    if (destination.to === 'thread' && (reply.kind === 'answer' || reply.kind === 'suggestions' || reply.kind === 'survey')) this.customerButtons = reply.buttons;
    if (destination.to === 'thread' && reply.kind === 'handoff-notice') this.customerButtons = [];
  }

  private prefix(destination: Destination): string {
    if (destination.to === 'agents') return `[${destination.team} agents] `;
    if (destination.to === 'admins') return '[admins] ';
    if (destination.to === 'relay') return '[agents, relay thread] ';
    if (destination.to === 'actor') return `bot (to ${destination.person.displayName ?? 'you'} only)> `;
    return 'bot> ';
  }

  private show(prefix: string, lines: string[]): void {
    const pad = ' '.repeat(Math.min(prefix.length, 6));
    const redraw = this.promptShown;
    if (redraw) this.options.output.write('\r\x1b[K'); // clear the prompt line; the text typed so far comes back with it
    lines.forEach((line, i) => this.print(i === 0 ? `${prefix}${line}` : line ? `${pad}${line}` : ''));
    redraw?.();
  }

  private print(line: string): void {
    this.options.output.write(`${line}\n`);
  }
}
