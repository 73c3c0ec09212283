// Ids shared by FakeSlack and the fixture factories, so a fixture built without a fake still
// talks about the same workspace, app and bot as a fake started without options.
export const DEFAULT_IDS = {
  teamId: 'T0TEAM0001',
  teamDomain: 'threadline-test',
  appId: 'A0APP00001',
  botUserId: 'U0BOT00001',
  botId: 'B0BOT00001',
  botName: 'threadline',
  userId: 'U0USER0001',
  userName: 'casey',
  channelId: 'C0SUPPORT1',
  channelName: 'support',
} as const;

/** Slack message timestamps: "<seconds>.<6-digit counter>", unique and increasing. */
export function createTsCounter(startSeconds = 1_700_000_000, stepMicros = 100): () => string {
  let micros = startSeconds * 1_000_000;
  return () => {
    micros += stepMicros;
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = String(micros % 1_000_000).padStart(6, '0');
    return `${seconds}.${fraction}`;
  };
}
