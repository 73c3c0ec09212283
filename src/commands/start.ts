import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import type { Platform } from '../engine/types.js';
import { reportKnowledgeToAdmins } from '../platforms/admin-reports.js';
import { startHousekeeping } from '../platforms/housekeeping.js';
import type { RunningPlatform, StartPlatform } from '../platforms/platform.js';
import { run as runChat } from './chat.js';

export const USAGE = [
  'usage: threadline start   (npm start)',
  '  Slack (SLACK_BOT_TOKEN) and/or Discord (DISCORD_TOKEN) in one process, until SIGINT/SIGTERM; with neither',
  '  token set, the local console chat (threadline chat). Settings come from the environment and .env.',
].join('\n');

/** Platforms to start for this config; each is loaded only when its token is set. */
async function platformsFor(config: Config): Promise<Array<{ name: Platform; start: StartPlatform }>> {
  const wanted: Array<{ name: Platform; start: StartPlatform }> = [];
  if (config.SLACK_BOT_TOKEN) wanted.push({ name: 'slack', start: (await import('../platforms/slack/index.js')).startSlack });
  if (config.DISCORD_TOKEN) wanted.push({ name: 'discord', start: (await import('../platforms/discord/index.js')).startDiscord });
  return wanted;
}

/**
 * `threadline start` (`npm start`): Slack and/or Discord when their tokens are set, in one process;
 * with no tokens, the local console chat on the knowledge base.
 */
export async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  const platforms = await platformsFor(config);
  if (platforms.length === 0) return runChat(args);

  const logger = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, { logger });
  const running: RunningPlatform[] = [];
  try {
    for (const platform of platforms) {
      running.push(await platform.start(app));
      app.logger.info(`${platform.name} connected`);
    }
  } catch (error) {
    await stopAll(app, running);
    throw error;
  }
  const knowledgeReports = reportKnowledgeToAdmins(app, running);
  const outboxFor = (name: Platform) => running.find((p) => p.name === name)?.outbox;
  const housekeeping = startHousekeeping(app, outboxFor);
  app.logger.info('threadline is running', { platforms: running.map((p) => p.name).join(','), articles: app.knowledge.knowledge.articles.length });

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  app.logger.info('shutting down');
  housekeeping.stop();
  knowledgeReports.stop();
  await stopAll(app, running);
  return 0;
}

async function stopAll(app: App, running: RunningPlatform[]): Promise<void> {
  await Promise.allSettled(running.map((p) => p.stop()));
  await app.close();
}
