import type { Reply } from '../../../engine/types.js';
import { renderAlert, renderContextPacket } from './agents.js';
import { renderAnswer, renderCommentInvite, renderHandoffNotice, renderSuggestions, renderSurvey, renderText } from './customer.js';
import type { DiscordMessage } from './message.js';
import { literal } from './text.js';

export type { DiscordMessage } from './message.js';

export interface RenderContext {
  /** The agent role to ping for a team's handoff, if any. */
  roleFor(team: string): string | undefined;
  /** The reply goes into a direct message, where pinging a server role means nothing. */
  direct?: boolean;
}

/** Any engine reply as a Discord message. */
export function renderReply(reply: Reply, context: RenderContext): DiscordMessage {
  switch (reply.kind) {
    case 'text':
    case 'notice':
    case 'relayed':
      return renderText(reply.text);
    case 'answer':
      return renderAnswer(reply);
    case 'suggestions':
      return renderSuggestions(reply);
    case 'handoff-notice':
      return renderHandoffNotice(reply, context.direct ? undefined : context.roleFor(reply.team));
    case 'reminder':
      // it quotes the customer's question: shown literally, like everything customers typed that agents read
      return renderHandoffNotice({ kind: 'handoff-notice', text: literal(reply.text), team: reply.team }, context.roleFor(reply.team));
    case 'context-packet':
      return renderContextPacket(reply.packet, reply.buttons);
    case 'survey':
      return renderSurvey(reply);
    case 'comment-request':
      return renderCommentInvite(reply);
    case 'alert':
      return renderAlert(reply);
  }
}
