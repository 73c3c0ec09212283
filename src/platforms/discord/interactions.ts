import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Client, Interaction, ModalSubmitInteraction, StringSelectMenuInteraction } from 'discord.js';
import type { Engine } from '../../engine/engine.js';
import type { Inbound, ThreadRef } from '../../engine/types.js';
import { fill } from '../../engine/texts.js';
import type { Logger } from '../../logger.js';
import type { AdminNotices } from './admin-notices.js';
import { commentModal } from './comment-modal.js';
import { COMMENT_INPUT_ID, decodeCustomId, readCommentModalId, readOpenCommentId, type PressedAction } from './custom-ids.js';
import type { DiscordOutbox } from './outbox.js';
import type { DiscordPeople } from './people.js';
import { guildThread, placeOf } from './places.js';
import { openQuestionThread } from './question-thread.js';
import { renderText } from './render/customer.js';
import { literal } from './render/text.js';
import { InteractionResponder, type Answerable } from './responder.js';
import { ENGINE_COMMANDS, TEAM_MAX } from './slash-commands.js';

/** Discord shows at most 25 autocomplete choices. */
const AUTOCOMPLETE_MAX = 25;

export interface InteractionDeps {
  client: Client;
  engine: Engine;
  outbox: DiscordOutbox;
  people: DiscordPeople;
  admin: AdminNotices;
  logger: Logger;
  texts: { commentTitle: string; commentPrompt: string; unknownConversation: string; noThread: string; askEcho: string; threadName: string };
  /** Acknowledge an interaction the engine has not answered by then (Discord allows 3 s). */
  ackAfterMs: number;
}

type Component = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/** Buttons, the "Did you mean" select, the comment modal and slash commands, as engine actions, messages and commands. */
export class DiscordInteractions {
  constructor(private readonly deps: InteractionDeps) {}

  async handle(interaction: Interaction): Promise<void> {
    if (interaction.isButton()) {
      const target = readOpenCommentId(interaction.customId);
      if (target) return this.openComment(interaction, target);
      return this.action(interaction, decodeCustomId(interaction.customId));
    }
    if (interaction.isStringSelectMenu()) {
      const decoded = decodeCustomId(interaction.customId);
      return this.action(interaction, decoded && { ...decoded, value: interaction.values[0] });
    }
    if (interaction.isModalSubmit()) {
      const target = readCommentModalId(interaction.customId);
      const text = target ? interaction.fields.getTextInputValue(COMMENT_INPUT_ID) : '';
      return this.action(interaction, target && { action: 'comment', conversationId: target.conversationId, value: `${target.round}:${text}` });
    }
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isAutocomplete()) return this.suggestTeams(interaction);
  }

  /**
   * /handoff's team option as the agent types: the teams whose name contains what is typed, those starting
   * with it first. The list follows the knowledge base, so a team added in an article is offered at once.
   */
  private async suggestTeams(interaction: AutocompleteInteraction): Promise<void> {
    const typed = String(interaction.options.getFocused()).trim().toLowerCase();
    const teams = this.deps.engine.teams().filter((team) => team.includes(typed) && team.length <= TEAM_MAX);
    teams.sort((a, b) => Number(!a.startsWith(typed)) - Number(!b.startsWith(typed)) || a.localeCompare(b));
    await interaction.respond(teams.slice(0, AUTOCOMPLETE_MAX).map((team) => ({ name: team, value: team })));
  }

  /** One press, pick or submission: the engine's first reply for the person becomes Discord's first response. */
  private async action(interaction: Component, pressed: PressedAction | undefined): Promise<void> {
    const responder = this.responder(interaction);
    if (!pressed) {
      this.deps.logger.warn('discord: a component that is not ours (or no longer decodes)', { customId: interaction.customId });
      await responder.ephemeral(renderText(this.deps.texts.unknownConversation));
      return;
    }
    responder.startDeadline();
    await this.run(responder, {
      kind: 'action',
      eventId: `interaction:${interaction.id}`,
      conversationId: pressed.conversationId,
      from: this.deps.people.person(interaction.user, interaction.member),
      action: pressed.action,
      value: pressed.value,
    });
  }

  /** The fallback "add a comment" button: its press is a fresh interaction, so the modal can be its first response. */
  private async openComment(interaction: ButtonInteraction, target: { conversationId: string; round: string }): Promise<void> {
    const { commentTitle: title, commentPrompt: prompt } = this.deps.texts;
    await interaction.showModal(commentModal({ title, prompt, ...target }));
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const responder = this.responder(interaction);
    if (interaction.commandName === 'ask') return this.ask(interaction, responder);
    const spec = ENGINE_COMMANDS[interaction.commandName];
    if (!spec) {
      await responder.ephemeral(renderText(`/${interaction.commandName} is not a threadline command any more; run \`threadline discord register\`.`));
      return;
    }
    await responder.deferPrivately(); // no command needs a modal, and the engine may take a moment
    const place = await placeOf(this.deps.client, interaction.channelId, interaction.guildId);
    const arg = spec.option ? interaction.options.getString(spec.option) : null;
    await this.run(responder, {
      kind: 'command',
      eventId: `interaction:${interaction.id}`,
      name: spec.name,
      args: arg ? [arg] : [],
      from: this.deps.people.person(interaction.user, interaction.member),
      thread: place.kind === 'channel' ? undefined : place.thread,
    });
  }

  /**
   * /ask leaves no message of its own: the question is echoed publicly, and in a channel the thread starts on the
   * echo. In a thread or a DM the question belongs there.
   */
  private async ask(interaction: ChatInputCommandInteraction, responder: InteractionResponder): Promise<void> {
    const question = interaction.options.getString('question', true).trim();
    const from = this.deps.people.person(interaction.user, interaction.member);
    const place = await placeOf(this.deps.client, interaction.channelId, interaction.guildId);
    const response = await interaction.reply({ content: fill(this.deps.texts.askEcho, { customer: `**${literal(from.displayName ?? from.id)}**`, question: literal(question) }), allowedMentions: { parse: [] }, withResponse: true });
    let thread: ThreadRef;
    if (place.kind === 'channel') {
      const echo = response.resource?.message;
      const threadId = echo ? await openQuestionThread(echo, question, fill(this.deps.texts.threadName, { customer: from.displayName ?? from.id }), this.deps.admin) : undefined;
      if (!threadId) {
        await responder.ephemeral(renderText(this.deps.texts.noThread));
        return;
      }
      thread = guildThread(place.guildId, place.channelId, threadId);
    } else {
      thread = place.thread;
    }
    await this.run(responder, { kind: 'message', eventId: `interaction:${interaction.id}`, thread, from, text: question });
  }

  private async run(responder: InteractionResponder, inbound: Inbound): Promise<void> {
    try {
      await this.deps.engine.handle(inbound, this.deps.outbox.forInteraction(responder));
    } finally {
      await responder.finish();
    }
  }

  private responder(interaction: Answerable): InteractionResponder {
    return new InteractionResponder(interaction, this.deps.logger, this.deps.ackAfterMs);
  }
}
