// prompts/messages.yml is the operator's to edit (voice, language). A copy made before an upgrade must
// keep working with the texts it has, and a real mistake in it must be named precisely at start.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readTexts, SHIPPED_MESSAGES, withCompanyName } from '../../src/engine/texts.js';

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

  it('a PROMPTS_DIR that does not exist is named as a missing folder, with where to point it instead', () => {
    const missing = join(tmpdir(), 'threadline-no-such-prompts');
    expect(() => readTexts(missing)).toThrow(
      `PROMPTS_DIR is "${missing}", and there is no such folder (${missing}) — point PROMPTS_DIR at a folder with messages.yml (such as ${dirname(SHIPPED_MESSAGES)}), or unset it to use the shipped wording`,
    );
  });

  it('a PROMPTS_DIR without messages.yml says the file is missing and where to copy it from', () => {
    const empty = mkdtempSync(join(tmpdir(), 'threadline-prompts-'));
    expect(() => readTexts(empty)).toThrow(`${join(empty, 'messages.yml')} does not exist — copy ${SHIPPED_MESSAGES} into PROMPTS_DIR ("${empty}")`);
    expect(() => readTexts(empty)).not.toThrow(/YAML/);
  });

  it('a placeholder the shipped text of that key does not use is refused, naming the file, key, placeholder and the allowed ones', () => {
    const typo = shipped();
    const handoff = typo.handoff as Record<string, unknown>;
    handoff.claimed = '{agnt} from our {team} team is looking at this now.';
    handoff.weekdays = ['Sun', 'Mon {n}', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const dir = promptsDir(typo);

    expect(() => readTexts(dir)).toThrow(join(dir, 'messages.yml'));
    expect(() => readTexts(dir)).toThrow(
      '  - handoff.claimed: unknown placeholder {agnt}; this text may use {agent}, {team}\n  - handoff.weekdays: unknown placeholder {n}; this text takes no placeholders',
    );
  });

  it('a custom text may use the placeholders of its key in any order, or none', () => {
    const reworded = shipped();
    const handoff = reworded.handoff as Record<string, unknown>;
    handoff.claimed = 'Our {team} team: {agent} has it.';
    handoff.notice = 'A person will reply here.';
    handoff.back_today = 'today ({day}) at {time}'; // filled in though the shipped wording leaves {day} out
    expect(readTexts(promptsDir(reworded)).texts.handoff.claimed).toBe('Our {team} team: {agent} has it.');
  });

  it('{company} may go in any text, agent-facing labels too, and is filled in with COMPANY_NAME', () => {
    const branded = shipped();
    branded.greeting = 'Welcome to {company} support, {customer}!';
    (branded.packet as Record<string, unknown>).handoff_to = '{company}: handoff to {team}';
    const texts = withCompanyName(readTexts(promptsDir(branded)).texts, 'Acme');
    expect(texts.greeting).toBe('Welcome to Acme support, {customer}!');
    expect(texts.packet.handoff_to).toBe('Acme: handoff to {team}');
  });

  it('broken YAML is refused with the line the parser stopped at', () => {
    const dir = promptsDir('greeting: "unterminated\n');
    expect(() => readTexts(dir)).toThrow(/messages\.yml: .*— fix the YAML \(PROMPTS_DIR points at/);
  });
});
