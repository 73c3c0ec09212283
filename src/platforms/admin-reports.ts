import type { App } from '../app.js';
import { knowledgeReports } from '../engine/knowledge-report.js';
import type { Reply } from '../engine/types.js';
import type { RunningPlatform } from './platform.js';

/**
 * Tells the admins in chat what the log says about the knowledge folder: the problems it was loaded with
 * at start, then after every reload the problems an edit brought up (file, line, field, fix) and the files
 * that are fine again. Each platform posts to its admins' channel (the default team's agents channel).
 * Posting happens beside the reload, never holding it up, and a failure is only logged. `atStart: false` skips
 * the start-up report (the console chat: the log just above the chat already shows those problems).
 */
export function reportKnowledgeToAdmins(app: App, platforms: readonly Pick<RunningPlatform, 'name' | 'outbox'>[], { atStart = true } = {}): { stop(): void } {
  let active = true;
  const tell = (replies: Reply[]) => {
    if (!active) return;
    for (const platform of platforms) {
      // one platform's messages in order (problems before "fixed"); platforms side by side
      void (async () => {
        for (const reply of replies) {
          await platform.outbox.send({ to: 'admins' }, reply).catch((error: unknown) =>
            app.logger.error(`${platform.name}: could not tell the admins about the knowledge files`, { error: error instanceof Error ? error.message : String(error) }),
          );
        }
      })();
    }
  };
  if (atStart) tell(knowledgeReports({ newProblems: app.knowledge.knowledge.problems, fixed: [] }, app.texts.knowledge, { atStart: true }));
  app.knowledge.onChange((change) => tell(knowledgeReports(change, app.texts.knowledge)));
  return {
    stop() {
      active = false;
    },
  };
}
