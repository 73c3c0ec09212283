import type { SharedFile } from './types.js';

/**
 * What someone said with the files they shared, one "📎 name (address)" line per file: how it is recorded in the
 * transcript and passed on between a DM and the agents, so a screenshot sent to a person reaches them.
 */
export function withFiles(text: string, files: readonly SharedFile[] = []): string {
  const lines = files.map((file) => `📎 ${file.name} (${file.url})`);
  return [text, ...lines].filter(Boolean).join('\n');
}
