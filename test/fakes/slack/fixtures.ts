import type { SlashCommand } from '@slack/bolt';
import { createFixtureContext, type FixtureContext } from './fixture-context.js';
import {
  buildAppMentionEvent,
  buildEventCallback,
  buildMessageEvent,
  type EventCallbackOverrides,
  type MessageEventOverrides,
  type SlackEventFixture,
} from './fixtures-events.js';
import {
  type BlockActionsOverrides,
  buildBlockActions,
  buildSlashCommand,
  buildViewSubmission,
  type ViewSubmissionOverrides,
} from './fixtures-interactions.js';

/** Realistic Slack payloads with one-override style; `fake.fixtures` is a set bound to a FakeSlack. */
export function createSlackFixtures(context: Partial<FixtureContext> = {}) {
  const ctx = createFixtureContext(context);
  return {
    context: ctx,
    messageEvent: (o?: MessageEventOverrides) => buildMessageEvent(ctx, o),
    appMentionEvent: (o?: MessageEventOverrides) => buildAppMentionEvent(ctx, o),
    eventCallback: (event: SlackEventFixture, o?: EventCallbackOverrides) => buildEventCallback(ctx, event, o),
    blockActionsPayload: (o?: BlockActionsOverrides) => buildBlockActions(ctx, o),
    viewSubmissionPayload: (o?: ViewSubmissionOverrides) => buildViewSubmission(ctx, o),
    slashCommandBody: (o?: Partial<SlashCommand>) => buildSlashCommand(ctx, o),
  };
}

export type SlackFixtures = ReturnType<typeof createSlackFixtures>;
