import { FolderWatcher } from './folder-watcher.js';
import { assembleKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import { assertDirectory } from './load.js';
import { parseArticleFile } from './parse-file.js';
import { listMarkdownFiles, readFiles } from './scan.js';
import type { Article } from './article.js';
import { formatProblem, type KnowledgeProblem } from './problems.js';

export interface KnowledgeChange {
  knowledge: KnowledgeBase;
  added: string[];
  changed: string[];
  removed: string[];
  /**
   * What is worth telling an admin about now: every problem of a file added or changed in this reload, and
   * problems across files (a duplicate id or question) that this reload brought to light in other files.
   */
  newProblems: KnowledgeProblem[];
  /** Files that had problems before this reload and have none now (still present). */
  fixed: string[];
  /** Files that had problems before this reload and were deleted: their problems went with them. */
  gone: string[];
}

interface FileState {
  text: string;
  /** The last version of this file that parsed cleanly; stays live while the file is broken. */
  lastGood?: Article;
  problems: KnowledgeProblem[];
}

/**
 * The knowledge folder kept live: `start()` loads it and watches for edits. A file that turns bad is
 * reported and its last good version stays live; a deleted file disappears.
 */
export class LiveKnowledge {
  private files = new Map<string, FileState>();
  private current: KnowledgeBase = assembleKnowledgeBase([], []);
  private watcher?: FolderWatcher;
  private timer?: NodeJS.Timeout;
  private queue: Promise<unknown> = Promise.resolve();
  private listeners: Array<(change: KnowledgeChange) => void | Promise<void>> = [];

  constructor(
    readonly dir: string,
    /** knownTeams: the teams the settings name (see configuredTeams), for the team-typo check. */
    private readonly options: { debounceMs?: number; knownTeams?: readonly string[] } = {},
  ) {}

  get knowledge(): KnowledgeBase {
    return this.current;
  }

  onChange(listener: (change: KnowledgeChange) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Loads the folder; with `watch` (default) it keeps reloading on edits until `stop()`. */
  async start({ watch: watching = true } = {}): Promise<KnowledgeBase> {
    await assertDirectory(this.dir);
    await this.reload();
    if (watching) {
      this.watcher = new FolderWatcher(this.dir, () => this.scheduleReload());
      await this.watcher.refresh();
    }
    return this.current;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  /** Re-reads the folder now. Reloads run one at a time, in order. */
  reload(): Promise<KnowledgeChange> {
    const next = this.queue.then(() => this.reloadNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload().catch(() => undefined), this.options.debounceMs ?? 150);
  }

  private async reloadNow(): Promise<KnowledgeChange> {
    await this.watcher?.refresh(); // folders added since the last reload are watched before they are read
    const names = await listMarkdownFiles(this.dir);
    const texts = await readFiles(this.dir, names).catch(() => undefined);
    if (!texts) return this.reloadNow(); // a file vanished between listing and reading: look again

    const added: string[] = [];
    const changed: string[] = [];
    const newProblems: KnowledgeProblem[] = [];
    const removed = [...this.files.keys()].filter((f) => !texts.has(f));
    for (const file of removed) this.files.delete(file);

    for (const [file, text] of texts) {
      const before = this.files.get(file);
      if (before?.text === text) continue;
      (before ? changed : added).push(file);
      const parsed = parseArticleFile(file, text);
      const lastGood = parsed.article ?? before?.lastGood;
      const problems = [...parsed.problems];
      if (!parsed.article) {
        problems.push({
          severity: 'warning',
          file,
          message: lastGood ? 'the last good version of this file stays live until it is fixed' : 'this file is not live until it is fixed',
        });
      }
      this.files.set(file, { text, lastGood, problems });
      newProblems.push(...problems);
    }

    const states = [...this.files.entries()].sort(([a], [b]) => a.localeCompare(b));
    const articles = states.flatMap(([, s]) => (s.lastGood ? [s.lastGood] : []));
    const fileProblems = states.flatMap(([, s]) => s.problems);
    const before = this.current;
    this.current = assembleKnowledgeBase(articles, fileProblems, before, this.options.knownTeams);

    // problems across files (a duplicate id or question) are only known once the whole base is assembled
    const edited = new Set([...added, ...changed]);
    const known = new Set(before.problems.map(formatProblem));
    newProblems.push(...this.current.problems.slice(fileProblems.length).filter((p) => edited.has(p.file) || !known.has(formatProblem(p))));
    const stillWrong = new Set(this.current.problems.map((p) => p.file));
    const hadProblems = [...new Set(before.problems.map((p) => p.file))];
    const fixed = hadProblems.filter((file) => this.files.has(file) && !stillWrong.has(file)).sort();
    const gone = hadProblems.filter((file) => !this.files.has(file) && !stillWrong.has(file)).sort();

    const change: KnowledgeChange = { knowledge: this.current, added, changed, removed, newProblems, fixed, gone };
    if (added.length || changed.length || removed.length) {
      for (const listener of this.listeners) await listener(change);
    }
    return change;
  }
}
