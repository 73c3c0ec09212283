import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/eval.js';

const SET = 'test/fixtures/eval-small';

async function evalCommand(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, text: out.join('\n'), errText: err.join('\n') };
}

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function copyOfSet(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-eval-'));
  temps.push(dir);
  await cp(SET, dir, { recursive: true });
  return dir;
}

describe('threadline eval (lexical matcher on the eval-small fixture)', () => {
  it('prints every figure', async () => {
    const { code, text } = await evalCommand(SET, '--matcher', 'lexical');
    expect(code).toBe(0);
    expect(text).toContain('eval-small: 8 articles, 20 cases (16 in scope, 4 out of scope), lexical matcher');
    // 14 of 16 in-scope questions rank their article first; all 16 are in the top 3
    expect(text).toMatch(/in-scope top-1 accuracy +87\.5%/);
    expect(text).toMatch(/in-scope top-3 accuracy +100\.0%/);
    expect(text).toMatch(/out-of-scope recall +100\.0%/);
    expect(text).toMatch(/load time +\d/);
    expect(text).toMatch(/match latency p50 \/ p99 +[\d.]+ ms \/ [\d.]+ ms/);
    expect(text).toMatch(/peak RSS +\d+ MB/);
  });

  it('with --json, stdout is exactly one JSON document with the agreed keys, and the table goes to stderr', async () => {
    const { code, out, errText } = await evalCommand(SET, '--matcher', 'lexical', '--json');
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const json = JSON.parse(out[0]!) as Record<string, number>;
    expect(Object.keys(json)).toEqual([
      'articles', 'cases', 'inScopeCases', 'oosCases', 'inScopeAccuracy', 'top3Accuracy', 'answerRate',
      'answeredPrecision', 'oosRecall', 'loadMs', 'p50Ms', 'p99Ms', 'peakRssMb',
    ]);
    expect(json).toMatchObject({ articles: 8, cases: 20, inScopeCases: 16, oosCases: 4, inScopeAccuracy: 14 / 16, top3Accuracy: 1, oosRecall: 1 });
    expect(errText).toContain('eval-small: 8 articles, 20 cases');
    expect(errText).toContain(`answer rate (in scope)   ${(100 * json.answerRate!).toFixed(1)}%`);
    for (const key of ['answerRate', 'answeredPrecision']) expect(json[key]).toBeGreaterThanOrEqual(0);
    expect(json.p99Ms).toBeGreaterThanOrEqual(json.p50Ms!);
    expect(json.peakRssMb).toBeGreaterThan(10);
  });

  it('--calibrate reports thresholds reaching 95% answered precision and scores at them', async () => {
    const { code, out, errText } = await evalCommand(SET, '--matcher', 'lexical', '--calibrate', '--json');
    expect(code).toBe(0);
    expect(errText).toMatch(/calibrated for 95% answered precision: answer ≥ [\d.]+, margin ≥ [\d.]+/);
    expect(errText).toMatch(/set MATCH_ANSWER_THRESHOLD=[\d.]+ MATCH_MARGIN=[\d.]+/);
    const json = JSON.parse(out.join('\n')) as Record<string, number>;
    expect(json.answeredPrecision).toBeGreaterThanOrEqual(0.95);
    // 13 of the 14 right top-1 answers can be answered without answering a miss or an out-of-scope case
    expect(json.answerRate).toBe(13 / 16);
  });

  it('prints knowledge problems as warnings and goes on', async () => {
    const dir = await copyOfSet();
    await writeFile(join(dir, 'knowledge', 'broken.md'), '---\ntitle: [unclosed\n---\nbody\n');
    const { code, err, text } = await evalCommand(dir, '--matcher', 'lexical');
    expect(code).toBe(0);
    expect(err.some((l) => /^warning: .*broken\.md:\d/.test(l))).toBe(true);
    expect(text).toContain('8 articles, 20 cases');
  });

  it('names the bad line of cases.jsonl and exits 1', async () => {
    const dir = await copyOfSet();
    await writeFile(join(dir, 'cases.jsonl'), '{"text": "ok", "expect": "locker-code"}\n{"text": 5, "expect": null}\n');
    const { code, err } = await evalCommand(dir, '--matcher', 'lexical');
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('cases.jsonl:2: "text" must be a string');
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await evalCommand()).code).toBe(2);
    expect((await evalCommand(SET, '--matcher', 'neural')).code).toBe(2);
    expect((await evalCommand(SET, '--bogus')).code).toBe(2);
  });
});
