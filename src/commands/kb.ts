import { loadKnowledge } from '../knowledge/load.js';
import { formatProblem, hasErrors } from '../knowledge/problems.js';
import { configuredTeams, loadConfig } from '../config.js';
import { counted } from '../plural.js';

export const USAGE = 'usage: threadline kb check [dir]   (dir defaults to KNOWLEDGE_DIR, ./knowledge)';

/** `threadline kb check [dir]`: a summary of a healthy knowledge folder, or every problem; exit 1 on errors. */
export async function run(args: string[]): Promise<number> {
  const [sub, dirArg] = args;
  if (sub !== 'check') {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const dir = dirArg ?? config.KNOWLEDGE_DIR;
  const kb = await loadKnowledge(dir, configuredTeams(config), dirArg === undefined ? undefined : 'check the folder given to kb check');
  const errors = kb.problems.filter((p) => p.severity === 'error');
  const warnings = kb.problems.filter((p) => p.severity === 'warning');
  for (const problem of [...errors, ...warnings]) console.log(formatProblem(problem));

  const questions = kb.articles.reduce((n, a) => n + a.questions.length, 0);
  const handoff = kb.articles.filter((a) => a.handoff).length;
  const noTeam = kb.articles.filter((a) => !a.team).length;
  if (kb.problems.length) console.log('');
  console.log(`${dir}: ${counted(kb.articles.length, 'article')}, ${counted(questions, 'question')}, ${counted(kb.teams.length, 'team')} (${kb.teams.join(', ') || 'none'})`);
  console.log(`  ${handoff} always ${handoff === 1 ? 'hands' : 'hand'} off${noTeam ? `, ${noTeam} without a team (routed to the default team)` : ''}`);
  const tally = `${counted(errors.length, 'error')}, ${counted(warnings.length, 'warning')}`;
  if (hasErrors(kb.problems)) {
    // some errors leave a file out (bad YAML, a duplicate id), others do not (the same question in two articles)
    const loaded = new Set(kb.articles.map((a) => a.file));
    const leftOut = [...new Set(errors.map((p) => p.file))].filter((file) => file !== '.' && !loaded.has(file));
    const meanwhile = kb.articles.length === 0 ? 'until then the bot has no articles to answer from' : leftOut.length ? `until then the bot leaves out ${leftOut.join(', ')}` : 'every file still loads meanwhile';
    console.log(`${tally}: fix the errors above; ${meanwhile}`);
    return 1;
  }
  console.log(warnings.length ? `OK with ${counted(warnings.length, 'warning')}` : 'OK');
  return 0;
}
