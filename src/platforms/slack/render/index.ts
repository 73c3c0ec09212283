import type { Reply } from '../../../engine/types.js';
import { renderAlert, renderContextPacket } from './agents.js';
import type { SlackMessage } from './blocks.js';
import { renderAnswer, renderCommentInvite, renderHandoffNotice, renderSuggestions, renderSurvey, renderText } from './customer.js';

export type { SlackMessage } from './blocks.js';

/** Any engine reply as a Slack message; `groupFor` names the user group to page for a team. */
export function renderReply(reply: Reply, groupFor: (team: string) => string | undefined): SlackMessage {
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
      return renderHandoffNotice(reply, groupFor(reply.team));
    case 'reminder':
      return renderHandoffNotice({ kind: 'handoff-notice', text: reply.text, team: reply.team }, groupFor(reply.team));
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
