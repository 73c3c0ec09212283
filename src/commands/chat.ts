import { userInfo } from 'node:os';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { reportKnowledgeToAdmins } from '../platforms/admin-reports.js';
import { startHousekeeping } from '../platforms/housekeeping.js';
import { ConsoleChat } from '../platforms/console/console-chat.js';

export const USAGE = [
  'usage: threadline chat   (npm run chat)',
  '  the local console chat on KNOWLEDGE_DIR, whatever tokens are set: type questions as a customer;',
  '  /agent, /customer, /claim, /resolve, /handoff <team>, /status, /link [code], /new, /quit inside the chat',
].join('\n');

/** `threadline chat`: the local console chat, whatever tokens are configured. */
export async function run(_args: string[] = []): Promise<number> {
  const config = loadConfig();
  // The chat owns stdout; logs go to stderr and only warnings and errors show unless LOG_LEVEL asks for more.
  const logger = createLogger(config.LOG_LEVEL ?? 'warn');
  const app = await createApp(config, { logger });
  try {
    const kb = app.knowledge.knowledge;
    const chat = new ConsoleChat({
      engine: app.engine,
      input: process.stdin,
      output: process.stdout,
      title: `${config.COMPANY_NAME} support, ${kb.articles.length} articles from ${config.KNOWLEDGE_DIR}`,
      customerName: config.THREADLINE_CONSOLE_NAME ?? capitalise(userInfo().username),
    });
    const running = chat.run(); // prints the title before anything else is shown
    // an edit to the knowledge folder while chatting shows what Slack/Discord admins would be told
    const reports = reportKnowledgeToAdmins(app, [{ name: 'console', outbox: chat.outbox }], { atStart: false });
    // idle conversations auto-resolve and unclaimed handoffs are reminded here too, as on Slack and Discord
    const housekeeping = startHousekeeping(app, (platform) => (platform === 'console' ? chat.outbox : undefined));
    try {
      await running;
    } finally {
      housekeeping.stop();
      reports.stop();
    }
  } finally {
    await app.close();
  }
  return 0;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : 'You');
