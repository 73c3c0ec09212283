import type { webApi } from '@slack/bolt';
import type { Destination, Outbox, Person, PostedRef, Reply, ThreadRef } from '../../engine/types.js';
import type { Logger } from '../../logger.js';
import { commentModal } from './comment-modal.js';
import { errorText } from './people.js';
import { renderReply, type SlackMessage } from './render/index.js';
import type { SlackRouting } from './routing.js';
import { truncate } from './slack-text.js';

type WebClient = webApi.WebClient;

/** What Slack gave us with a click or a slash command, for replies only that person sees. */
export interface Interaction {
  /** Opens a modal, once, within 3 s of the click. */
  triggerId?: string;
  /** Where the person clicked (the customer's thread, or an agents channel). */
  channelId?: string;
  threadTs?: string;
  /** Posts to the interaction's response_url (Bolt's respond). */
  respond?: (message: { response_type: 'ephemeral'; replace_original: false; text: string; blocks?: SlackMessage['blocks'] }) => Promise<unknown>;
  /** Slash commands answer through the response_url: the bot may not be in that channel. */
  preferRespond?: boolean;
}

/** Slack errors about the message itself: posting it again as plain text can still get through. */
const CONTENT_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'invalid_arguments', 'invalid_attachments', 'too_many_attachments', 'no_text']);
const PLAIN_TEXT_MAX = 3900;

/**
 * Renders engine replies as Block Kit and delivers them: thread replies with thread_ts, packets and alerts
 * to the team's agents channel (else the thread), replies for one person as ephemerals or a modal.
 * A message Slack refuses for its content is logged and posted again as plain text.
 */
export class SlackOutbox implements Outbox {
  constructor(
    private readonly client: WebClient,
    private readonly routing: SlackRouting,
    private readonly logger: Logger,
    private readonly interaction: Interaction = {},
  ) {}

  /** The same outbox, answering the person behind this click or command. */
  forInteraction(interaction: Interaction): SlackOutbox {
    return new SlackOutbox(this.client, this.routing, this.logger, interaction);
  }

  async send(destination: Destination, reply: Reply): Promise<PostedRef | undefined> {
    if (destination.to === 'actor') return this.toActor(destination.person, destination.thread, reply);
    const message = this.render(reply, destination.to === 'thread' && destination.thread.isDirect);
    if (destination.to === 'thread') return this.post(destination.thread.channelId, destination.thread.threadId, message, reply.kind);
    if (destination.to === 'relay') return this.post(destination.packet.channelId, destination.packet.messageId, message, reply.kind);
    if (destination.to === 'admins') {
      const channel = this.routing.adminChannel();
      return channel ? this.post(channel, undefined, message, reply.kind) : undefined;
    }
    const channel = this.routing.agentsChannelFor(destination.team);
    if (channel) {
      try {
        return await this.post(channel, undefined, message, reply.kind);
      } catch (error) {
        this.logger.error('slack: could not post to the agents channel; posting in the customer thread instead', { team: destination.team, channel, reply: reply.kind, error: errorText(error) });
      }
    }
    return this.post(destination.thread.channelId, destination.thread.threadId, message, reply.kind);
  }

  async update(ref: PostedRef, reply: Reply): Promise<void> {
    const message = this.render(reply);
    await this.withPlainFallback('chat.update', { channel: ref.channelId, ts: ref.messageId, reply: reply.kind }, message, (m) =>
      // An empty block list on update removes the old buttons.
      this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text: m.text, blocks: m.blocks }),
    );
  }

  /** In a direct message nobody from a user group can see the thread: the handoff notice pages no one there. */
  private render(reply: Reply, direct = false): SlackMessage {
    return renderReply(reply, (team) => (direct ? undefined : this.routing.groupFor(team)));
  }

  private async post(channel: string, threadTs: string | undefined, message: SlackMessage, kind: Reply['kind']): Promise<PostedRef> {
    const response = await this.withPlainFallback('chat.postMessage', { channel, thread_ts: threadTs, reply: kind }, message, (m) =>
      this.client.chat.postMessage({ channel, thread_ts: threadTs, text: m.text, blocks: nonEmpty(m.blocks), unfurl_links: false, unfurl_media: false }),
    );
    if (!response.ts) throw new Error(`chat.postMessage to ${channel} answered without a ts`);
    return { platform: 'slack', channelId: response.channel ?? channel, messageId: response.ts };
  }

  /** Only this person sees it: a modal for a comment request, otherwise an ephemeral message. */
  private async toActor(person: Person, thread: ThreadRef | undefined, reply: Reply): Promise<undefined> {
    if (reply.kind === 'comment-request' && this.interaction.triggerId) {
      try {
        await this.client.views.open({
          trigger_id: this.interaction.triggerId,
          view: commentModal({ title: reply.title, prompt: reply.prompt, send: reply.send, skip: reply.skip, conversationId: reply.conversationId, round: reply.value }),
        });
        return undefined;
      } catch (error) {
        // The trigger lasts 3 s and opens one view; the invite below opens the modal on the next click.
        this.logger.warn('slack: could not open the comment modal; offering a button instead', { conversation: reply.conversationId, error: errorText(error) });
      }
    }
    await this.ephemeral(person, thread, this.render(reply), reply.kind);
    return undefined;
  }

  private async ephemeral(person: Person, thread: ThreadRef | undefined, message: SlackMessage, kind: Reply['kind']): Promise<void> {
    const { respond, preferRespond } = this.interaction;
    const viaResponseUrl = respond && (async () => void (await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks })));
    if (preferRespond && viaResponseUrl) return viaResponseUrl();
    const channel = this.interaction.channelId ?? thread?.channelId;
    const threadTs = this.interaction.channelId ? this.interaction.threadTs : thread?.threadId;
    if (!channel) {
      if (viaResponseUrl) return viaResponseUrl();
      throw new Error(`nowhere to show ${person.id} an ephemeral ${kind}`);
    }
    try {
      await this.withPlainFallback('chat.postEphemeral', { channel, user: person.id, reply: kind }, message, (m) =>
        this.client.chat.postEphemeral({ channel, user: person.id, thread_ts: threadTs, text: m.text, blocks: nonEmpty(m.blocks) }),
      );
    } catch (error) {
      if (!viaResponseUrl) throw error;
      this.logger.warn('slack: chat.postEphemeral failed; answering through the response_url', { channel, user: person.id, error: errorText(error) });
      await viaResponseUrl();
    }
  }

  /** Runs a Web API call; when Slack refuses the content, logs why and sends the text alone. */
  private async withPlainFallback<T>(method: string, where: Record<string, unknown>, message: SlackMessage, call: (m: SlackMessage) => Promise<T>): Promise<T> {
    try {
      return await call(message);
    } catch (error) {
      const code = errorText(error);
      this.logger.error(`slack: ${method} failed`, { ...where, error: code, detail: slackDetail(error), blocks: message.blocks.length, textLength: message.text.length });
      if (!CONTENT_ERRORS.has(code)) throw error;
      this.logger.warn(`slack: retrying ${method} as plain text`, where);
      return call({ text: truncate(message.text, PLAIN_TEXT_MAX), blocks: [] });
    }
  }
}

/** Slack's own explanation of a refused call (response_metadata.messages), when it gave one. */
function slackDetail(error: unknown): string | undefined {
  const messages = (error as { data?: { response_metadata?: { messages?: unknown } } }).data?.response_metadata?.messages;
  return Array.isArray(messages) ? messages.join('; ') : undefined;
}

const nonEmpty = <T>(blocks: T[]): T[] | undefined => (blocks.length ? blocks : undefined);
