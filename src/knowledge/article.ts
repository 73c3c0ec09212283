import { z } from 'zod';

/** One help-centre article: what the bot answers with and what the matcher indexes. */
export interface Article {
  id: string;
  title: string;
  /** Other ways customers ask this (the matcher's training phrasings). */
  questions: string[];
  tags: string[];
  /** Team that takes handoffs on this topic; the default team when absent. */
  team?: string;
  /** Always hand off to a person (refunds, deletions, incidents). */
  handoff: boolean;
  url?: string;
  /** Markdown answer shown to the customer. */
  body: string;
  /** Path relative to the knowledge folder, with forward slashes. */
  file: string;
  /** sha256 of the file's text: the cache key for anything derived from the article. */
  hash: string;
  /** Where its frontmatter fields are, for problems found across files; absent when not read from a file. */
  lines?: ArticleLines;
}

/** 1-based lines in the article's file. */
export interface ArticleLines {
  /** The "id:" line; absent when the id comes from the file name. */
  id?: number;
  title?: number;
  team?: number;
  /** One per entry of `questions`, in order. */
  questions?: number[];
}

const text = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text (put it in quotes)`) })
    .trim()
    .min(1, `${what} must not be empty`);

/** The YAML frontmatter of a knowledge file. Unknown keys are reported as warnings, not errors. */
export const frontmatterSchema = z.object({
  id: text('id')
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'id may contain only letters, digits, "-", "_" and "." (e.g. reset-password)')
    .optional(),
  title: text('title'),
  questions: z.array(text('each question'), { error: 'questions must be a list, one "- question" per line' }).default([]),
  tags: z.array(text('each tag'), { error: 'tags must be a list, e.g. [billing, invoices]' }).default([]),
  team: text('team')
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'team must be a lower-case name such as billing or technical')
    .optional(),
  handoff: z.boolean({ error: 'handoff must be true or false' }).default(false),
  url: z.url({ error: 'url must be a full link such as https://help.example.com/article' }).optional(),
});

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export const knownKeys = Object.keys(frontmatterSchema.shape);
