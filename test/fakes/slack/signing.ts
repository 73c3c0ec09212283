import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'X-Slack-Signature': string;
  'X-Slack-Request-Timestamp': string;
}

/** Slack's v0 request signature: hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'X-Slack-Signature': `v0=${digest}`, 'X-Slack-Request-Timestamp': String(timestamp) };
}
