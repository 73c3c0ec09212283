import { createHash } from 'node:crypto';
import type { Article } from '../knowledge/article.js';

/** Small deterministic PRNG (mulberry32), so every run builds the same knowledge base. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ba be bi bo bu ca co cu da de di do fa fe fi fo ga go gu ha he ho ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za zo'.split(' ');
const FRAMES = [
  'how do I {v} my {n}', 'why can I not {v} the {n}', 'where is the {n} {m}', 'can you help me {v} {n} {m}',
  'my {n} does not {v}', 'is it possible to {v} a {n}', 'what happens when I {v} the {n} {m}', 'I want to {v} my {n} today',
  '{n} {m} not working', 'how long does {n} {m} take', 'who can {v} the {n} for me', 'steps to {v} {n}',
];

/** A pronounceable made-up word: realistic character n-grams without borrowing any real text. */
function word(next: () => number): string {
  const n = 2 + Math.floor(next() * 3);
  return Array.from({ length: n }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
}

export interface SyntheticKnowledge {
  articles: Article[];
  /** Questions worded like the articles' own, for timing matches. */
  queries: string[];
}

/**
 * `count` articles with a title and `questionsEach` questions built from a vocabulary that grows with
 * the knowledge base (so larger bases have more distinct terms, as real ones do), plus queries.
 */
export function syntheticKnowledge(count: number, questionsEach = 10, queryCount = 200, seed = 7): SyntheticKnowledge {
  const next = random(seed);
  const vocabulary = Array.from({ length: Math.max(500, Math.round(count * 1.5)) }, () => word(next));
  const pick = () => vocabulary[Math.floor(next() * vocabulary.length)]!;
  const topics = Array.from({ length: count }, () => ({ n: pick(), v: pick(), m: pick() }));
  const phrase = (t: { n: string; v: string; m: string }) =>
    FRAMES[Math.floor(next() * FRAMES.length)]!.replace('{n}', t.n).replace('{v}', t.v).replace('{m}', t.m);

  const articles = topics.map((topic, i): Article => {
    const id = `article-${i}`;
    const title = `${topic.v} ${topic.n} ${topic.m}`;
    const questions = Array.from({ length: questionsEach }, () => phrase(topic));
    const body = `To ${topic.v} your ${topic.n}, open ${pick()} and choose ${topic.m}. ${pick()} ${pick()} ${pick()}.`;
    const hash = createHash('sha256').update(`${title}\n${questions.join('\n')}\n${body}`).digest('hex');
    return { id, title, questions, tags: [], handoff: false, body, file: `${id}.md`, hash };
  });
  const queries = Array.from({ length: queryCount }, () => phrase(topics[Math.floor(next() * topics.length)]!));
  return { articles, queries };
}
