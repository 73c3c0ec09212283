import { describe, expect, it } from 'vitest';
import { CasesFileError, parseCases } from '../../src/eval/cases.js';

describe('parseCases', () => {
  it('reads one case per line, skipping blank lines', () => {
    const text = '{"text": "How do I reset?", "expect": "reset"}\n\n{"text": "weather?", "expect": null}\n';
    expect(parseCases(text)).toEqual([
      { text: 'How do I reset?', expect: 'reset' },
      { text: 'weather?', expect: null },
    ]);
  });

  it('names every bad line and what is wrong with it', () => {
    const text = ['{"text": "ok", "expect": "a"}', '{"text": "", "expect": "a"}', 'not json', '{"text": "x"}', '["text"]'].join('\n');
    let error: unknown;
    try {
      parseCases(text, 'set/cases.jsonl');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CasesFileError);
    expect((error as CasesFileError).problems).toEqual([
      'set/cases.jsonl:2: "text" must not be empty',
      'set/cases.jsonl:3: not valid JSON — each line must be like {"text": "How do I …?", "expect": "article-id"}',
      'set/cases.jsonl:4: "expect" must be an article id or null',
      'set/cases.jsonl:5: each line must be a JSON object with "text" and "expect"',
    ]);
  });

  it('rejects a file without cases', () => {
    expect(() => parseCases('\n\n', 'empty.jsonl')).toThrow(/no cases/);
  });
});
