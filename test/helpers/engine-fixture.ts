import { join } from 'node:path';
import { Engine, type EngineSettings } from '../../src/engine/engine.js';
import { loadTexts, type Texts } from '../../src/engine/texts.js';
import type { InboundAction, InboundMessage, Person, ThreadRef } from '../../src/engine/types.js';
import type { Article } from '../../src/knowledge/article.js';
import { assembleKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { silentLogger } from '../../src/logger.js';
import type { Candidate, Matcher, MatchResult } from '../../src/matching/types.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { Answerer, Summarizer } from '../../src/engine/answering.js';

export function article(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    title: id.replace(/-/g, ' '),
    questions: [],
    tags: [],
    handoff: false,
    body: `How to ${id}.`,
    file: `${id}.md`,
    hash: id,
    ...overrides,
  };
}

export const sampleArticles = [
  article('reset-password', { title: 'Reset your password', team: 'accounts' }),
  article('invoices', { title: 'Download invoices', team: 'billing' }),
  article('change-plan', { title: 'Change your plan', team: 'billing' }),
  article('cancel-plan', { title: 'Cancel your subscription', team: 'billing' }),
  article('refunds', { title: 'Refunds', team: 'billing', handoff: true, body: 'A person checks refunds within one business day.' }),
];

/** `nearly`: nothing fits well enough, so a handoff, with these articles as the closest (scores 0.2, 0.01, …). */
/** `also`: runners-up behind a confident answer, with their scores. */
type Rule = [RegExp, { answer: string; also?: Array<[string, number]> } | { suggest: string[] } | { nearly: string[] } | 'handoff'];

/**
 * A matcher whose decisions the test states outright, so engine tests check the engine's behaviour for
 * each decision rather than the lexical scorer's taste (the real matcher has its own tests).
 */
export function scriptedMatcher(kb: KnowledgeBase, rules: Rule[]): Matcher & { questions: string[] } {
  const questions: string[] = [];
  const candidate = (id: string, score: number): Candidate => {
    const found = kb.byId.get(id);
    if (!found) throw new Error(`scripted matcher: unknown article ${id}`);
    return { article: found, score };
  };
  return {
    thresholds: { answer: 0.6, suggest: 0.3, margin: 0.1 },
    questions,
    async match(question: string): Promise<MatchResult> {
      questions.push(question);
      const rule = rules.find(([re]) => re.test(question))?.[1] ?? 'handoff';
      if (rule === 'handoff') return { question, candidates: [], decision: { kind: 'handoff', reason: 'no-match' } };
      if ('answer' in rule) {
        const best = candidate(rule.answer, 0.9);
        const also = (rule.also ?? []).map(([id, score]) => candidate(id, score));
        return { question, candidates: [best, ...also], decision: { kind: 'answer', article: best.article, score: 0.9 } };
      }
      if ('nearly' in rule) {
        const closest = rule.nearly.map((id, i) => candidate(id, i === 0 ? 0.2 : 0.01));
        return { question, candidates: closest, decision: { kind: 'handoff', reason: 'no-match' } };
      }
      const candidates = rule.suggest.map((id, i) => candidate(id, 0.5 - i * 0.05));
      return { question, candidates, decision: { kind: 'suggest', candidates } };
    },
  };
}

export const defaultRules: Rule[] = [
  [/password|log ?in/i, { answer: 'reset-password' }],
  [/invoice|receipt/i, { answer: 'invoices' }],
  [/refund|money back/i, { answer: 'refunds' }],
  [/plan|subscription/i, { suggest: ['change-plan', 'cancel-plan'] }],
];

export const settings: EngineSettings = {
  companyName: 'Brightloom',
  defaultTeam: 'support',
  handoffAfterFailures: 2,
  autoResolveAfterMinutes: 60,
  autoResolveSurvey: false,
  remindUnclaimedAfterMinutes: 30,
  lowScore: 3,
};

export interface Fixture {
  engine: Engine;
  store: Store;
  knowledge: KnowledgeBase;
  matcher: ReturnType<typeof scriptedMatcher>;
  clock: { now: Date };
}

export async function engineFixture(
  options: {
    storeUrl?: string; settings?: Partial<EngineSettings>; answerer?: Answerer; summarizer?: Summarizer; rules?: Rule[]; articles?: Article[];
    /** Changes to prompts/messages.yml's texts (a translation, say). */
    texts?: (texts: Texts) => Texts;
  } = {},
): Promise<Fixture> {
  const knowledge = assembleKnowledgeBase(options.articles ?? sampleArticles, []);
  const store = await openStore(options.storeUrl ?? 'memory://');
  const matcher = scriptedMatcher(knowledge, options.rules ?? defaultRules);
  const clock = { now: new Date('2026-11-23T10:00:00Z') };
  const engine = new Engine({
    store,
    matcher,
    knowledge: () => knowledge,
    texts: (options.texts ?? ((t) => t))(loadTexts(join(import.meta.dirname, '../../prompts'))),
    settings: { ...settings, ...options.settings },
    logger: silentLogger,
    answerer: options.answerer,
    summarizer: options.summarizer,
    clock: () => clock.now,
  });
  return { engine, store, knowledge, matcher, clock };
}

export const customer: Person = { platform: 'console', workspaceId: 'local', id: 'cus-1', displayName: 'Dana Customer', isAgent: false };
export const otherCustomer: Person = { platform: 'console', workspaceId: 'local', id: 'cus-2', displayName: 'Sam Bystander', isAgent: false };
export const agent: Person = { platform: 'console', workspaceId: 'local', id: 'agent-1', displayName: 'Alex Agent', isAgent: true };
export const thread: ThreadRef = { platform: 'console', workspaceId: 'local', channelId: 'chat', threadId: 't1' };

let eventCounter = 0;
export const message = (text: string, overrides: Partial<InboundMessage> = {}): InboundMessage => ({
  kind: 'message',
  eventId: `evt-${++eventCounter}`,
  thread,
  from: customer,
  text,
  ...overrides,
});

export const action = (conversationId: string, name: InboundAction['action'], overrides: Partial<InboundAction> = {}): InboundAction => ({
  kind: 'action',
  eventId: `act-${++eventCounter}`,
  conversationId,
  from: customer,
  action: name,
  ...overrides,
});
