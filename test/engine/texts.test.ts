// prompts/messages.yml is the operator's to edit (voice, language). A copy made before an upgrade must
// keep working with the texts it has, and a real mistake in it must be named precisely at start.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readTexts, SHIPPED_MESSAGES } from '../../src/engine/texts.js';

const shipped = () => parse(readFileSync(SHIPPED_MESSAGES, 'utf8')) as Record<string, Record<string, unknown> | string>;

function promptsDir(messages: unknown | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-prompts-'));
  writeFileSync(join(dir, 'messages.yml'), typeof messages === 'string' ? messages : stringify(messages));
  return dir;
}

describe('messages.yml', () => {
  it('the shipped file is complete', () => {
    expect(readTexts(join(import.meta.dirname, '../../prompts')).defaulted).toEqual([]);
  });

  it('a copy made before texts were added keeps its own wording and takes the shipped wording for the rest', () => {
    const old = shipped();
    delete (old.relay as Record<string, unknown>).moved;
    delete old.knowledge;
    old.greeting = 'Moin! Wie kann ich helfen?';

    const { texts, defaulted } = readTexts(promptsDir(old));

    expect(defaulted).toEqual(['relay.moved', 'knowledge']);
    expect(texts.greeting).toBe('Moin! Wie kann ich helfen?');
    expect(texts.relay.moved).toBe((shipped().relay as Record<string, unknown>).moved);
    expect(texts.knowledge.fixed).toBe((shipped().knowledge as Record<string, string>).fixed);
  });

  it('an empty text or a list where text belongs is refused, naming the file and key', () => {
    const broken = shipped();
    broken.greeting = '';
    (broken.relay as Record<string, unknown>).intro = ['not', 'text'];
    const dir = promptsDir(broken);

    expect(() => readTexts(dir)).toThrow(join(dir, 'messages.yml'));
    expect(() => readTexts(dir)).toThrow(/greeting: must not be empty[\s\S]*relay\.intro: must be text/);
  });

  it('broken YAML is refused with the line the parser stopped at', () => {
    const dir = promptsDir('greeting: "unterminated\n');
    expect(() => readTexts(dir)).toThrow(/messages\.yml: .*— fix the YAML \(PROMPTS_DIR points at/);
  });
});
