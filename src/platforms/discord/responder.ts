import { MessageFlags, type APIModalInteractionResponseCallbackData, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction, type StringSelectMenuInteraction } from 'discord.js';
import type { Logger } from '../../logger.js';
import { describeError } from './errors.js';
import { interactionOptions, type DiscordMessage } from './render/message.js';

export type Answerable = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction | ChatInputCommandInteraction;

/**
 * Answers one interaction within Discord's rules: one first response within 3 s (a modal only as that first
 * response), then follow-ups for 15 minutes. The engine's replies for the person arrive one by one; whatever
 * comes first becomes the first response (a modal, or an ephemeral reply). If nothing has come by `ackAfterMs`,
 * the interaction is deferred so Discord does not show "interaction failed". Calls run one at a time.
 */
export class InteractionResponder {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** A deferred "thinking…" reply that no message has filled in yet. */
  private pendingReply = false;

  constructor(
    private readonly interaction: Answerable,
    private readonly logger: Logger,
    private readonly ackAfterMs: number,
  ) {}

  get acknowledged(): boolean {
    return this.interaction.deferred || this.interaction.replied;
  }

  /** Acknowledges on its own if the engine has not answered the person by then. */
  startDeadline(): void {
    this.timer = setTimeout(() => void this.serial('defer', () => this.acknowledge(), undefined), this.ackAfterMs);
  }

  /** Slash commands: a private "thinking…" right away, filled in by the first reply for the person. */
  deferPrivately(): Promise<void> {
    return this.serial('defer the reply', async () => {
      if (this.acknowledged) return;
      await this.interaction.deferReply({ flags: MessageFlags.Ephemeral });
      this.pendingReply = true;
    }, undefined);
  }

  /** Shows a modal; false when it can no longer be the first response (or this interaction cannot show one). */
  showModal(modal: APIModalInteractionResponseCallbackData): Promise<boolean> {
    return this.serial('show a modal', async () => {
      if (this.acknowledged || this.interaction.isModalSubmit()) return false;
      await this.interaction.showModal(modal);
      return true;
    }, false);
  }

  /** A message only the person sees; false when the interaction can no longer carry it. */
  ephemeral(message: DiscordMessage): Promise<boolean> {
    return this.serial('reply privately', async () => {
      const options = interactionOptions(message);
      if (!this.acknowledged) {
        await this.interaction.reply({ ...options, flags: MessageFlags.Ephemeral });
      } else if (this.pendingReply) {
        this.pendingReply = false;
        await this.interaction.editReply(options);
      } else {
        await this.interaction.followUp({ ...options, flags: MessageFlags.Ephemeral });
      }
      return true;
    }, false);
  }

  /** After the engine's turn: an unanswered interaction is acknowledged, an unused "thinking…" removed. */
  finish(): Promise<void> {
    clearTimeout(this.timer);
    return this.serial('finish', async () => {
      if (!this.acknowledged) await this.acknowledge();
      if (this.pendingReply) {
        this.pendingReply = false;
        await this.interaction.deleteReply();
      }
    }, undefined);
  }

  /** A silent acknowledgement: "deferred update" where there is a message, else a private "thinking…". */
  private async acknowledge(): Promise<void> {
    if (this.acknowledged) return;
    const i = this.interaction;
    if (i.isMessageComponent()) return void (await i.deferUpdate());
    if (i.isModalSubmit() && i.isFromMessage()) return void (await i.deferUpdate());
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    this.pendingReply = true;
  }

  /** Runs calls in order; a failed call is logged (never thrown into the engine) and yields `fallback`. */
  private serial<T>(what: string, call: () => Promise<T>, fallback: T): Promise<T> {
    const next = this.chain.then(call).catch((error: unknown) => {
      const facts = describeError(error);
      this.logger.warn(`discord: could not ${what} for an interaction`, { interaction: this.interaction.id, status: facts.status, code: facts.code, error: facts.message });
      return fallback;
    });
    this.chain = next;
    return next;
  }
}
