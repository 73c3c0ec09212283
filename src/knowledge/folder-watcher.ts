import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Watches a folder and every folder below it (dot-folders aside, as the scan skips them), one watcher per
 * folder. Node's recursive watch on Linux follows files, and a file replaced by an atomic save (write a copy,
 * rename it over the original, as many editors and `sed -i` do) is then missed from the second save on; a
 * folder's watcher sees every save in it. `refresh()` after each reload picks up folders added or removed.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly onEvent: () => void,
  ) {}

  async refresh(): Promise<void> {
    const folders = await foldersBelow(this.root).catch(() => [this.root]);
    if (this.closed) return;
    for (const folder of folders) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, () => this.onEvent());
        watcher.on('error', () => this.onEvent()); // e.g. the folder was removed: the next reload refreshes
        this.watchers.set(folder, watcher);
      } catch {
        // removed between listing and watching: nothing to watch
      }
    }
    const current = new Set(folders);
    for (const [folder, watcher] of this.watchers) {
      if (current.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}

async function foldersBelow(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const below = entries
    .filter((e) => e.isDirectory())
    .map((e) => join(e.parentPath, e.name))
    .filter((folder) => !relative(root, folder).split(sep).some((part) => part.startsWith('.')));
  return [root, ...below];
}
