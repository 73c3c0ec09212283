import { parseArgs } from 'node:util';
import { z } from 'zod';
import { embeddingsFor } from '../answering/index.js';
import { loadConfig } from '../config.js';
import { CasesFileError } from '../eval/cases.js';
import { evaluate } from '../eval/evaluate.js';
import { silentLogger } from '../logger.js';
import { thresholdOverrides } from '../matching/decide.js';

export const USAGE = 'usage: threadline eval <set-dir> [--json] [--calibrate] [--matcher lexical|hybrid]\n' +
  '  <set-dir> holds knowledge/ (markdown articles) and cases.jsonl ({"text": …, "expect": article-id or null} per line)\n' +
  '  --json: stdout is only the figures as one JSON object; the table goes to stderr';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}
const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

const matcherKind = z.enum(['lexical', 'hybrid'], { error: '--matcher must be lexical or hybrid' });

/**
 * `threadline eval <set-dir>`: how well the matcher answers a labelled set. With `--json` stdout is the figures
 * as one JSON object (so it can be piped) and the table goes to stderr; `--calibrate` reports (and scores at) the thresholds that answer most
 * at ≥ 95% answered precision. MATCHER and MATCH_* settings apply unless flags say otherwise.
 */
export async function run(args: string[], io: Io = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, calibrate: { type: 'boolean' }, matcher: { type: 'string' } }, // --help: the dispatcher
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [dir, ...extra] = positionals;
  if (!dir || extra.length) {
    io.err(USAGE);
    return 2;
  }
  const config = loadConfig();
  const kind = matcherKind.safeParse(values.matcher ?? config.MATCHER);
  if (!kind.success) {
    io.err(`${kind.error.issues[0]?.message}\n${USAGE}`);
    return 2;
  }

  try {
    // LLM_EMBEDDINGS=true evaluates with the API's embeddings, as the running bot would match.
    const llm = embeddingsFor(config, { logger: silentLogger });
    const result = await evaluate(dir, { kind: kind.data, thresholds: thresholdOverrides(config), calibrate: values.calibrate, embeddings: llm?.embeddings });
    for (const warning of result.warnings) io.err(warning);
    const table = values.json ? io.err : io.out;
    for (const line of result.lines) table(line);
    if (values.json) io.out(JSON.stringify(result.figures));
    return 0;
  } catch (error) {
    if (error instanceof CasesFileError) {
      io.err(error.message);
      return 1;
    }
    io.err(`threadline eval: ${(error as Error).message}`);
    return 1;
  }
}
