import { createHash } from 'node:crypto';
import type { Article } from '../../src/knowledge/article.js';
import { assembleKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.js';

/** A realistic article with one or two fields overridden. */
export function article(overrides: Partial<Article> & { id: string }): Article {
  const base: Article = {
    title: overrides.id.replace(/-/g, ' '),
    questions: [],
    tags: [],
    handoff: false,
    body: `Answer for ${overrides.id}.`,
    file: `${overrides.id}.md`,
    hash: '',
    ...overrides,
  };
  return { ...base, hash: base.hash || createHash('sha256').update(JSON.stringify({ ...base, hash: '' })).digest('hex') };
}

export const knowledgeOf = (articles: Article[]): KnowledgeBase => assembleKnowledgeBase(articles, []);

/** A small help centre with clear topics and two deliberately close ones (change vs cancel plan). */
export const helpCentre = (): Article[] => [
  article({
    id: 'reset-password',
    title: 'Reset your password',
    questions: ['I forgot my password', 'how do I change my password', 'password reset link not working', 'cannot log in, wrong password'],
    body: 'Click **Forgot password** on the sign-in page and follow the link we email you.',
  }),
  article({
    id: 'change-plan',
    title: 'Change your plan',
    questions: ['upgrade my plan', 'downgrade to a cheaper plan', 'switch plans', 'move to the business plan'],
    body: 'Owners change the plan under Settings → Billing → Plan.',
  }),
  article({
    id: 'cancel-plan',
    title: 'Cancel your subscription',
    questions: ['cancel my subscription', 'stop my plan', 'end my subscription', 'I want to stop paying'],
    body: 'Cancel under Settings → Billing → Cancel subscription; you keep access until the period ends.',
  }),
  article({
    id: 'invoices',
    title: 'Download invoices',
    questions: ['where are my invoices', 'get a receipt', 'download a PDF invoice', 'billing history'],
    body: 'Invoices are under Settings → Billing → Invoices.',
  }),
  article({
    id: 'slack-integration',
    title: 'Connect Slack',
    questions: ['connect slack', 'slack notifications', 'install the slack app', 'slack integration stopped working'],
    body: 'Install the Slack app from Settings → Integrations and pick a channel.',
  }),
  article({
    id: 'refund',
    title: 'Request a refund',
    questions: ['I want a refund', 'money back', 'refund my last payment', 'charged twice, refund please'],
    body: 'A billing agent reviews refunds within two working days.',
    handoff: true,
  }),
];
