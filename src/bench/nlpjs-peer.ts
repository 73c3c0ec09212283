import { createRequire } from 'node:module';
import type { Article } from '../knowledge/article.js';

/** What the peer says about a question: its ranked intents and whether it would answer (not "None"). */
export interface PeerAnswer {
  top: string[];
  answered: boolean;
}

export interface Peer {
  classify(text: string): Promise<PeerAnswer>;
}

interface NlpjsResult {
  intent: string;
  classifications?: Array<{ intent: string; score: number }>;
}
interface NlpjsNlp {
  settings: Record<string, unknown>;
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<NlpjsResult>;
}

/**
 * nlp.js 4 (`@nlpjs/nlp`, a dev dependency) trained the way its docs show, on every article's
 * questions (one intent per article), with its default settings and "None" threshold. Its training
 * log is switched off; nothing else is changed.
 */
export async function trainNlpjs(articles: readonly Article[]): Promise<Peer> {
  const require = createRequire(import.meta.url);
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap(): Promise<NlpjsContainer> };
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: unknown };
  const container = await containerBootstrap();
  container.use(Nlp);
  container.registerConfiguration(
    'nlu-??',
    { keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: false, spellCheckDistance: 1, filterZeros: true, log: false },
    true,
  );
  const nlp = container.get('nlp') as NlpjsNlp;
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage('en');
  for (const article of articles) for (const q of article.questions) nlp.addDocument('en', q, article.id);
  await nlp.train();
  return {
    async classify(text) {
      const result = await nlp.process('en', text);
      const top = (result.classifications ?? []).filter((c) => c.intent !== 'None').map((c) => c.intent);
      return { top: top.slice(0, 3), answered: result.intent !== 'None' };
    },
  };
}

interface NlpjsContainer {
  use(plugin: unknown): void;
  registerConfiguration(tag: string, settings: Record<string, unknown>, overwrite: boolean): void;
  get(name: string): unknown;
}
