import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import { frontmatterSchema, knownKeys, type Article } from './article.js';
import { editDistance, isLikelyTypo } from './edit-distance.js';
import type { KnowledgeProblem } from './problems.js';

export interface ParsedFile {
  article?: Article;
  problems: KnowledgeProblem[];
}

const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** Parses one knowledge file (YAML frontmatter + markdown body) into an article, or says exactly what is wrong. */
export function parseArticleFile(file: string, source: string): ParsedFile {
  const problems: KnowledgeProblem[] = [];
  const error = (p: Omit<KnowledgeProblem, 'severity' | 'file'>) => problems.push({ severity: 'error', file, ...p });
  const text = source.replace(/^\uFEFF/, '');

  const match = FRONTMATTER.exec(text);
  if (!match && /^---[ \t]*\r?\n/.test(text)) {
    error({
      line: 1,
      message: 'the frontmatter opened by "---" on line 1 has no closing "---" line',
      fix: 'add a line "---" after the last frontmatter line, before the answer',
    });
    return { problems };
  }
  if (!match) {
    error({
      line: 1,
      message: 'the file does not start with a frontmatter block',
      fix: 'begin the file with a line "---", then "title: ...", then a closing "---" line before the answer',
    });
    return { problems };
  }
  const yamlText = match[1] ?? '';
  const bodyStartLine = match[0].split('\n').length; // frontmatter lines are offset by the opening "---"
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lines.linePos(offset).line + 1;

  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      error({
        line: lineOf(e.pos[0]),
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
        fix: 'check indentation and quoting; wrap text containing ":" or "#" in double quotes',
      });
    }
    return { problems };
  }
  const data: unknown = doc.toJS() ?? {};
  if (!isMap(doc.contents) && doc.contents !== null) {
    error({ line: 2, message: 'the frontmatter must be "key: value" lines', fix: 'start with "title: ..."' });
    return { problems };
  }

  warnUnknownKeys(doc, file, lineOf, problems);

  const parsed = frontmatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(issueToProblem(issue, doc, file, lineOf));
  }

  const body = text.slice(match[0].length).trim();
  if (!body) {
    error({
      line: bodyStartLine,
      field: 'body',
      message: 'the answer body is empty',
      fix: 'write the answer customers should see below the closing "---"',
    });
  }
  if (!parsed.success || !body) return { problems };

  const fm = parsed.data;
  const article: Article = {
    id: fm.id ?? posix.basename(file, '.md'),
    title: fm.title,
    questions: fm.questions,
    tags: fm.tags,
    team: fm.team,
    handoff: fm.handoff,
    url: fm.url,
    body,
    file,
    hash: createHash('sha256').update(text).digest('hex'),
    lines: {
      id: locateKey(doc, 'id', lineOf),
      title: nodeLine(doc, ['title'], lineOf),
      team: nodeLine(doc, ['team'], lineOf),
      questions: fm.questions.map((_, i) => nodeLine(doc, ['questions', i], lineOf) ?? locateKey(doc, 'questions', lineOf) ?? 2),
    },
  };
  return { article, problems };
}

function warnUnknownKeys(doc: Document, file: string, lineOf: (o: number) => number, problems: KnowledgeProblem[]) {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (knownKeys.includes(key)) continue;
    // a slip ("titel", "questons") or a longer form ("question_list"): the closest known key
    const closest = [...knownKeys].sort((a, b) => editDistance(key, a) - editDistance(key, b))[0]!;
    const near = isLikelyTypo(key, closest) ? closest : knownKeys.find((k) => k.startsWith(key.slice(0, 4)) || key.startsWith(k.slice(0, 4)));
    problems.push({
      severity: 'warning',
      file,
      line: isScalar(pair.key) && pair.key.range ? lineOf(pair.key.range[0]) : undefined,
      field: key,
      message: `unknown key "${key}" is ignored`,
      fix: near ? `did you mean "${near}"?` : `known keys: ${knownKeys.join(', ')}`,
    });
  }
}

function issueToProblem(issue: z.core.$ZodIssue, doc: Document, file: string, lineOf: (o: number) => number): KnowledgeProblem {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  const field = path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
  const line = nodeLine(doc, path, lineOf) ?? locateKey(doc, String(path[0] ?? ''), lineOf);
  const missing = issue.code === 'invalid_type' && !doc.hasIn(path);
  return {
    severity: 'error',
    file,
    line: line ?? 2,
    field,
    message: issue.message,
    fix: missing ? `add a "${field}:" line to the frontmatter` : undefined,
  };
}

function nodeLine(doc: Document, path: readonly (string | number)[], lineOf: (o: number) => number): number | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lineOf(node.range[0]) : undefined;
}

function locateKey(doc: Document, key: string, lineOf: (o: number) => number): number | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) && pair.key.range ? lineOf(pair.key.range[0]) : undefined;
}
