import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/knowledge/parse-file.js';
import { formatProblem } from '../../src/knowledge/problems.js';

const file = (frontmatter: string, body = 'The answer.') => `---\n${frontmatter}\n---\n${body}\n`;

describe('a knowledge file', () => {
  it('becomes an article with defaults: id from the file name, no tags, no handoff', () => {
    const { article, problems } = parseArticleFile('billing/refunds.md', file('title: Refunds\nquestions:\n  - "can I get my money back?"\nteam: billing'));
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ id: 'refunds', title: 'Refunds', questions: ['can I get my money back?'], tags: [], team: 'billing', handoff: false, body: 'The answer.', file: 'billing/refunds.md' });
    expect(article?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports invalid YAML with its line in the file', () => {
    const { article, problems } = parseArticleFile('a.md', file('title: Refunds\nquestions:\n  - "unclosed'));
    expect(article).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', file: 'a.md', line: 4, message: expect.stringMatching(/^invalid YAML: /) })]);
  });

  it('reports a missing title at the top of the frontmatter, saying how to fix it', () => {
    const { problems } = parseArticleFile('a.md', file('questions: ["x"]'));
    expect(problems.map(formatProblem)).toEqual(['error: a.md:2 (title): title is required — add a "title:" line to the frontmatter']);
  });

  it('reports a wrongly typed field at its own line', () => {
    const { problems } = parseArticleFile('a.md', file('title: T\nquestions:\n  - "fine"\n  - 404\nhandoff: sometimes'));
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [5, 'questions[1]', 'each question must be text (put it in quotes)'],
      [6, 'handoff', 'handoff must be true or false'],
    ]);
  });

  it('reports an empty body at the line after the frontmatter', () => {
    const { article, problems } = parseArticleFile('a.md', file('title: T', '   '));
    expect(article).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 4, field: 'body', message: 'the answer body is empty' })]);
  });

  it('warns about unknown keys, suggesting the known one, and still loads the article', () => {
    const { article, problems } = parseArticleFile('a.md', file('title: T\nquestoins: [a]\ncolour: blue\ntaem: billing\nurls: x'));
    expect(article).toBeDefined();
    expect(problems.map(formatProblem)).toEqual([
      'warning: a.md:3 (questoins): unknown key "questoins" is ignored — did you mean "questions"?',
      'warning: a.md:4 (colour): unknown key "colour" is ignored — known keys: id, title, questions, tags, team, handoff, url',
      'warning: a.md:5 (taem): unknown key "taem" is ignored — did you mean "team"?',
      'warning: a.md:6 (urls): unknown key "urls" is ignored — did you mean "url"?',
    ]);
  });

  it('reports a file without frontmatter', () => {
    const { problems } = parseArticleFile('a.md', '# Just markdown\n');
    expect(problems[0]).toMatchObject({ line: 1, message: 'the file does not start with a frontmatter block' });
  });

  it('reports frontmatter that is opened but never closed as such', () => {
    const { problems } = parseArticleFile('a.md', '---\ntitle: Refunds\nquestions: ["refund"]\nThe answer.\n');
    expect(problems.map(formatProblem)).toEqual([
      'error: a.md:1: the frontmatter opened by "---" on line 1 has no closing "---" line — add a line "---" after the last frontmatter line, before the answer',
    ]);
  });

  it('rejects a bad url and a bad id', () => {
    const { problems } = parseArticleFile('a.md', file('id: "has spaces"\ntitle: T\nurl: help centre'));
    expect(problems.map((p) => p.field)).toEqual(['id', 'url']);
  });
});
