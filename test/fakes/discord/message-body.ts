import type { APIAttachment } from 'discord.js';
import type { RouteContext } from './routes.js';

/** The message fields a bot sends (create, edit, interaction responses, webhooks). */
export interface MessageBody {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  message_reference?: { message_id?: string };
  attachments?: Array<{ id: string | number; filename?: string; description?: string }>;
}

/** Attachments for the files of a multipart upload, with URLs that point nowhere on purpose. */
export function attachmentsFor(ctx: RouteContext): APIAttachment[] {
  return ctx.files.map((file) => {
    const id = ctx.world.ids.next();
    const url = `https://cdn.fake-discord.invalid/attachments/${id}/${encodeURIComponent(file.name)}`;
    return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType };
  });
}
