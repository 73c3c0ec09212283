import { describe, expect, it, vi } from 'vitest';
import type { KnowledgeChange } from '../../src/knowledge/live-knowledge.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { EmbeddingProvider } from '../../src/matching/embeddings/provider.js';
import { sharedUseLite } from '../../src/matching/embeddings/use-lite.js';
import { silentLogger } from '../../src/logger.js';
import { lexicalScorer } from '../../src/matching/lexical-scorer.js';
import { LiveMatcher, type KnowledgeSource } from '../../src/matching/live-matcher.js';
import { article, helpCentre, knowledgeOf } from './knowledge-factory.js';

/** A knowledge source whose changes the test triggers by hand. */
class FakeSource implements KnowledgeSource {
  private listeners: Array<(change: KnowledgeChange) => void | Promise<void>> = [];
  constructor(public knowledge: KnowledgeBase) {}
  onChange(listener: (change: KnowledgeChange) => void | Promise<void>): void {
    this.listeners.push(listener);
  }
  async change(knowledge: KnowledgeBase): Promise<void> {
    this.knowledge = knowledge;
    for (const l of this.listeners) await l({ knowledge, added: [], changed: [], removed: [], newProblems: [], fixed: [], gone: [] });
  }
}

/** The bundled encoder, held back until `open()`: a first start with thousands of articles to embed. */
function heldBackEncoder() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const slow = async (): Promise<EmbeddingProvider> => {
    const encoder = await sharedUseLite();
    return { id: encoder.id, embed: async (texts) => (await gate, encoder.embed(texts)) };
  };
  return { slow, open };
}

const top = async (m: LiveMatcher, q: string) => (await m.match(q)).candidates[0]?.article.id;

describe('LiveMatcher', () => {
  it('follows knowledge changes: a new article becomes matchable, a removed one disappears', async () => {
    const source = new FakeSource(knowledgeOf(helpCentre()));
    const matcher = await LiveMatcher.start(source, { kind: 'lexical' });
    expect(await top(matcher, 'export my timesheets to excel')).not.toBe('export');

    const exportArticle = article({ id: 'export', title: 'Export timesheets', questions: ['export to excel', 'download timesheets as csv'] });
    await source.change(knowledgeOf([...helpCentre(), exportArticle]));
    await matcher.settled();
    expect(await top(matcher, 'export my timesheets to excel')).toBe('export');

    await source.change(knowledgeOf(helpCentre().filter((a) => a.id !== 'invoices')));
    await matcher.settled();
    expect((await matcher.match('download a PDF invoice')).candidates.map((c) => c.article.id)).not.toContain('invoices');
  });

  it('keeps answering from the old index while the new one builds, without waiting for it', async () => {
    const source = new FakeSource(knowledgeOf(helpCentre()));
    const matcher = await LiveMatcher.start(source, { kind: 'lexical' });
    const big = Array.from({ length: 500 }, (_, i) => article({ id: `filler-${i}`, questions: [`filler question ${i}`] }));
    const changed = source.change(knowledgeOf([...helpCentre(), ...big]));
    await changed; // the listener returns at once; the rebuild runs in the background
    expect(await top(matcher, 'I forgot my password')).toBe('reset-password');
    expect(await top(matcher, 'filler question 234')).not.toBe('filler-234'); // still the old index
    await matcher.settled();
    expect(await top(matcher, 'filler question 234')).toBe('filler-234');
  });

  it('coalesces a burst of edits into rebuilds that end on the latest knowledge', async () => {
    const source = new FakeSource(knowledgeOf(helpCentre()));
    const matcher = await LiveMatcher.start(source, { kind: 'lexical' });
    for (let i = 0; i < 5; i++) await source.change(knowledgeOf([...helpCentre(), article({ id: `v${i}`, title: `version ${i} notes` })]));
    await matcher.settled();
    expect(await top(matcher, 'version 4 notes')).toBe('v4');
    expect((await matcher.match('version 2 notes')).candidates.map((c) => c.article.id)).not.toContain('v2');
  });

  it('never throws from match: a broken question becomes a handoff', async () => {
    const matcher = await LiveMatcher.start(new FakeSource(knowledgeOf(helpCentre())), { kind: 'lexical' });
    const result = await matcher.match(undefined as unknown as string);
    expect(result.decision).toEqual({ kind: 'handoff', reason: 'no-match' });
  });

  it('on a slow first build answers with word matching at once, and the sentence index takes over when ready', async () => {
    const { slow, open } = heldBackEncoder();
    const source = new FakeSource(knowledgeOf(helpCentre()));
    const matcher = await LiveMatcher.start(source, { kind: 'hybrid', embeddings: slow, lexicalAfterMs: 50 });
    expect(matcher.kind).toBe('lexical');
    expect(await top(matcher, 'I forgot my password')).toBe('reset-password');

    // an edit while the first index builds is not lost when it takes over
    await source.change(knowledgeOf([...helpCentre(), article({ id: 'export', title: 'Export timesheets', questions: ['export to excel'] })]));
    open();
    await matcher.settled();
    expect(matcher.kind).toBe('hybrid');
    expect(await top(matcher, 'export my timesheets to excel')).toBe('export');
  });

  it('the lexical stand-in and the hybrid matcher that replaces it share one lexical index', async () => {
    const { slow, open } = heldBackEncoder();
    const knowledge = knowledgeOf(helpCentre());
    const phrasings = knowledge.articles.reduce((n, a) => n + 1 + a.questions.length, 0);
    const builds = vi.spyOn(lexicalScorer, 'build');
    try {
      const matcher = await LiveMatcher.start(new FakeSource(knowledge), { kind: 'hybrid', embeddings: slow, lexicalAfterMs: 50 });
      open();
      await matcher.settled();
      expect(matcher.kind).toBe('hybrid');
      // training folds build their own smaller indexes; the full one is built once
      expect(builds.mock.calls.filter(([table]) => table.texts.length === phrasings)).toHaveLength(1);
    } finally {
      builds.mockRestore();
    }
  });

  it('stop() abandons a first build still embedding, quietly, so shutdown does not wait minutes for it', async () => {
    const { slow, open } = heldBackEncoder();
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (message: string) => void errors.push(message) };
    const matcher = await LiveMatcher.start(new FakeSource(knowledgeOf(helpCentre())), { kind: 'hybrid', embeddings: slow, lexicalAfterMs: 50, logger });
    const stopped = matcher.stop();
    open(); // the chunk being embedded finishes; the next one is never started
    await stopped;
    expect(matcher.kind).toBe('lexical');
    expect(await top(matcher, 'I forgot my password')).toBe('reset-password'); // still answers until the process ends
    expect(errors).toEqual([]);
  });

  it('a first build within the wait answers with the sentence index from the start', async () => {
    const matcher = await LiveMatcher.start(new FakeSource(knowledgeOf(helpCentre())), { kind: 'hybrid', embeddings: sharedUseLite });
    expect(matcher.kind).toBe('hybrid');
  });
});
