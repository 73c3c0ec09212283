import { describe, expect, it } from 'vitest';
import { knowledgeReports } from '../../src/engine/knowledge-report.js';
import { loadTexts } from '../../src/engine/texts.js';
import type { KnowledgeProblem } from '../../src/knowledge/problems.js';

const texts = loadTexts('prompts').knowledge;
const problem = (file: string, severity: KnowledgeProblem['severity'] = 'error'): KnowledgeProblem => ({ severity, file, line: 2, field: 'title', message: 'title is missing', fix: 'add "title: …"' });

describe('what the admins are told about the knowledge files', () => {
  it('nothing when a reload found nothing wrong and fixed nothing', () => {
    expect(knowledgeReports({ newProblems: [], fixed: [] }, texts)).toEqual([]);
  });

  it('lists each problem as kb check does, errors first, then says which files are fixed', () => {
    const replies = knowledgeReports({ newProblems: [problem('b.md', 'warning'), problem('a.md')], fixed: ['c.md', 'd.md'] }, texts);
    expect(replies).toEqual([
      { kind: 'text', text: expect.stringContaining('(2):\n• error: a.md:2 (title): title is missing — add "title: …"\n• warning: b.md:2') },
      { kind: 'text', text: expect.stringMatching(/^✅ Knowledge fixed: c\.md, d\.md/) },
    ]);
  });

  it('says when a file with problems was deleted instead of fixed, so the warning about it is not left open', () => {
    expect(knowledgeReports({ newProblems: [], fixed: [], gone: ['draft.md'] }, texts)).toEqual([
      { kind: 'text', text: '✅ Knowledge file removed: draft.md, and its problems with it.' },
    ]);
  });

  it('keeps a long list to one chat message and says how many more there are', () => {
    const many = Array.from({ length: 40 }, (_, i) => problem(`folder/article-${i}.md`));
    const [reply] = knowledgeReports({ newProblems: many, fixed: [] }, texts, { atStart: true });
    const text = reply?.kind === 'text' ? reply.text : '';
    expect(text).toMatch(/^⚠️ threadline started with problems in the knowledge files \(40\)/);
    expect(text.length).toBeLessThan(2000); // Discord's limit for a message
    const listed = text.split('\n').filter((l) => l.startsWith('• error')).length;
    expect(listed).toBeGreaterThan(5);
    expect(text).toContain(`• …and ${40 - listed} more`);
  });
});
