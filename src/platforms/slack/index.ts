import type { App } from '../../app.js';
import type { RunningPlatform } from '../platform.js';
import { connectSlack, type ListenOptions } from './connection.js';
import { SlackInbound } from './inbound.js';
import { registerListeners } from './listeners.js';
import { SlackOutbox } from './outbox.js';
import { SlackPeople } from './people.js';
import { SlackRouting } from './routing.js';

export interface SlackPlatform extends RunningPlatform {
  mode: 'http' | 'socket';
  /** HTTP mode: the port Bolt listens on (events, interactivity and /threadline at /slack/events). */
  port?: number;
}

/**
 * Connects threadline to Slack: Bolt over HTTP (PORT, /slack/events) or Socket Mode (SLACK_APP_TOKEN),
 * as SLACK_MODE says. Slack events become engine messages and actions; engine replies become Block Kit.
 */
export async function startSlack(app: App, listen: ListenOptions = {}): Promise<SlackPlatform> {
  const { config, engine, store, texts } = app;
  const logger = app.logger.child({ platform: 'slack' });
  const connection = await connectSlack(config, logger, listen);
  const client = connection.bolt.client;
  const routing = new SlackRouting(config);
  const people = new SlackPeople(client, routing, logger);
  const outbox = new SlackOutbox(client, routing, logger);
  const inFlight = new Set<Promise<void>>();

  registerListeners(connection.bolt, {
    engine,
    inbound: new SlackInbound({ client, store, people, routing, logger }),
    outbox,
    people,
    logger,
    teams: () => [...new Set([...app.knowledge.knowledge.teams, config.DEFAULT_TEAM])],
    texts: { commentTitle: texts.survey.comment_title, commentPrompt: texts.survey.comment_prompt, commentSend: texts.survey.comment_send, commentSkip: texts.survey.comment_skip },
    track: (work) => {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
  });
  if (Object.keys(config.SLACK_AGENT_CHANNELS).length === 0) {
    logger.warn('SLACK_AGENT_CHANNELS is empty: context packets and alerts go into the customer\'s thread');
  }

  const port = await connection.start();
  let stopping: Promise<void> | undefined;
  logger.info('slack: receiving events', { mode: connection.mode, ...(port === undefined ? {} : { port, path: '/slack/events' }) });
  return {
    name: 'slack',
    mode: connection.mode,
    port,
    outbox,
    stop() {
      stopping ??= (async () => {
        await connection.stop();
        await Promise.allSettled([...inFlight]); // replies to what Slack already delivered still go out
      })();
      return stopping;
    },
  };
}
