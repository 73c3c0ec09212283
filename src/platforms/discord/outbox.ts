import { Routes, type REST } from 'discord.js';
import { z } from 'zod';
import type { Destination, Outbox, Person, PostedRef, Reply, ThreadRef } from '../../engine/types.js';
import type { Logger } from '../../logger.js';
import type { AdminNotices } from './admin-notices.js';
import { commentModal } from './comment-modal.js';
import { DiscordCode, describeError, hasCode, isRefusedContent } from './errors.js';
import { renderReply, type DiscordMessage } from './render/index.js';
import { plain, restBody } from './render/message.js';
import { ARCHIVE_AFTER_MINUTES } from './question-thread.js';
import { LIMITS, pieces, truncate } from './render/text.js';
import type { InteractionResponder } from './responder.js';
import type { DiscordRouting } from './routing.js';

/** The parts of Discord's answers the outbox relies on. */
const postedMessage = z.looseObject({ id: z.string(), channel_id: z.string() });
const dmChannel = z.looseObject({ id: z.string() });

/**
 * Renders engine replies for Discord and delivers them over REST: thread replies into the thread, packets and
 * alerts to the team's agents channel (else the thread), replies for one person as ephemeral interaction replies
 * or a modal. A message Discord refuses for its content is logged and sent again as plain text; a permission
 * problem is logged with the fix and reported to the admins. Failures are thrown so the engine records them.
 */
export class DiscordOutbox implements Outbox {
  constructor(
    private readonly rest: REST,
    private readonly routing: DiscordRouting,
    private readonly admin: AdminNotices,
    private readonly logger: Logger,
    /** Renames a thread the bot opened (see nameOwnThread); without it threads keep their first name. */
    private readonly renameThread?: (threadId: string, question: string) => void,
    private readonly responder?: InteractionResponder,
  ) {}

  /** The same outbox, answering the person behind this interaction. */
  forInteraction(responder: InteractionResponder): DiscordOutbox {
    return new DiscordOutbox(this.rest, this.routing, this.admin, this.logger, this.renameThread, responder);
  }

  nameThread(thread: ThreadRef, question: string): void {
    if (!thread.isDirect && thread.threadId !== thread.channelId) this.renameThread?.(thread.threadId, question);
  }

  async send(destination: Destination, reply: Reply): Promise<PostedRef | undefined> {
    if (destination.to === 'actor') return this.toActor(destination.person, destination.thread, reply);
    if (destination.to === 'admins') {
      const channel = this.routing.adminChannel();
      return channel ? this.post(channel, this.render(reply), reply.kind) : undefined;
    }
    if (destination.to === 'relay') return this.toRelay(destination.packet, destination.open, this.render(reply), reply.kind);
    const message = this.render(reply, destination.thread);
    if (destination.to === 'thread') return this.post(destination.thread.threadId, message, reply.kind);
    return this.toAgents(destination.team, destination.thread, message, reply.kind);
  }

  async update(ref: PostedRef, reply: Reply): Promise<void> {
    const message = this.render(reply);
    await this.deliver(`update the ${reply.kind}`, ref.channelId, message, (m) => this.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body: restBody(m) }));
  }

  private render(reply: Reply, thread?: ThreadRef): DiscordMessage {
    return renderReply(reply, { roleFor: (team) => this.routing.roleFor(team), direct: thread?.isDirect });
  }

  /** The team's agents channel; if there is none or posting fails, the customer's thread, so the packet is not lost. */
  private async toAgents(team: string, thread: ThreadRef, message: DiscordMessage, kind: Reply['kind']): Promise<PostedRef> {
    const channel = this.routing.agentsChannelFor(team);
    let note = '';
    if (channel) {
      try {
        return await this.post(channel, message, kind);
      } catch (error) {
        this.logger.error('discord: could not post to the agents channel; posting in the customer thread instead', { team, channel, reply: kind, error: describeError(error).message });
        note = `⚠️ This belongs in <#${channel}>, where I could not post (${describeError(error).message}).\n`;
      }
    }
    // Agents cannot see a direct message: posting the packet there would only show internals to the customer.
    if (thread.isDirect) throw new Error(`no agents channel took the ${kind} for team ${team}, and a direct message is no place for it; set DISCORD_AGENT_CHANNELS`);
    return this.post(thread.threadId, { ...message, content: `${note}${message.content}` }, kind);
  }

  /**
   * The relay thread of a direct-message conversation is a thread on its context packet, so it has the packet's
   * id. The first post opens it (one that already exists is fine: a redelivery, or a second handoff).
   */
  private async toRelay(packet: PostedRef, open: string | undefined, message: DiscordMessage, kind: Reply['kind']): Promise<PostedRef> {
    if (open !== undefined) {
      try {
        await this.rest.post(Routes.threads(packet.channelId, packet.messageId), { body: { name: truncate(open, LIMITS.threadName), auto_archive_duration: ARCHIVE_AFTER_MINUTES } });
      } catch (error) {
        if (!hasCode(error, DiscordCode.threadAlreadyExists)) {
          await this.admin.failed('open the relay thread of a context packet', packet.channelId, error);
          throw error;
        }
      }
    }
    return this.post(packet.messageId, message, kind);
  }

  /** Only this person sees it: the comment modal or an ephemeral reply; without an interaction, a DM. */
  private async toActor(person: Person, thread: ThreadRef | undefined, reply: Reply): Promise<undefined> {
    const responder = this.responder;
    if (reply.kind === 'comment-request' && responder) {
      const modal = commentModal({ title: reply.title, prompt: reply.prompt, conversationId: reply.conversationId, round: reply.value });
      if (await responder.showModal(modal)) return undefined;
    }
    const message = this.render(reply, thread);
    if (responder && (await responder.ephemeral(message))) return undefined;
    await this.privately(person, thread, message, reply.kind);
    return undefined;
  }

  /**
   * No interaction to answer through (e.g. "link" typed as a message): a DM is Discord's private place, so a
   * link code never shows in a server channel. If the person's DMs are closed, the thread is the fallback.
   */
  private async privately(person: Person, thread: ThreadRef | undefined, message: DiscordMessage, kind: Reply['kind']): Promise<void> {
    if (thread?.isDirect) return void (await this.post(thread.threadId, message, kind));
    try {
      const dm = dmChannel.parse(await this.rest.post(Routes.userChannels(), { body: { recipient_id: person.id } }));
      await this.post(dm.id, message, kind);
    } catch (error) {
      if (!thread) throw error;
      this.logger.warn('discord: could not send a direct message; answering in the thread', { user: person.id, reply: kind, error: describeError(error).message });
      await this.post(thread.threadId, message, kind);
    }
  }

  private async post(channelId: string, message: DiscordMessage, kind: Reply['kind']): Promise<PostedRef> {
    // plain text longer than Discord takes (a relayed message; Nitro users may send 4,000 characters) goes in
    // several posts, none of it cut; the first one is the reply's reference
    if (message.content.length > LIMITS.content && !message.embeds.length && !message.components.length) {
      const [first, ...more] = pieces(message.content, LIMITS.content).map((content) => ({ ...message, content, fallback: content }));
      const posted = await this.post(channelId, first ?? message, kind);
      for (const piece of more) await this.post(channelId, piece, kind);
      return posted;
    }
    const answer = await this.deliver(`post the ${kind}`, channelId, message, (m) => this.rest.post(Routes.channelMessages(channelId), { body: restBody(m) }));
    const posted = postedMessage.parse(answer);
    return { platform: 'discord', channelId: posted.channel_id, messageId: posted.id };
  }

  /** Runs a REST call; a refused message is retried as plain text, anything else reported and thrown. */
  private async deliver<T>(what: string, channelId: string, message: DiscordMessage, call: (m: DiscordMessage) => Promise<T>): Promise<T> {
    try {
      return await call(message);
    } catch (error) {
      if (!isRefusedContent(error)) {
        await this.admin.failed(what, channelId, error);
        throw error;
      }
      const facts = describeError(error);
      this.logger.error(`discord: Discord refused to ${what}; retrying as plain text`, { channel: channelId, code: facts.code, error: facts.message, detail: facts.detail, embeds: message.embeds.length, rows: message.components.length });
      try {
        return await call(plain(message));
      } catch (second) {
        await this.admin.failed(what, channelId, second);
        throw second;
      }
    }
  }
}
