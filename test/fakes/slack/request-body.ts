import type { IncomingMessage } from 'node:http';

// The WebClient sends application/x-www-form-urlencoded and JSON-encodes every non-scalar
// argument (blocks, view, …). Decode those back so tests assert on real objects.
const STRUCTURED_ARGS = new Set([
  'blocks',
  'attachments',
  'view',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'options',
  'option_groups',
  'dialog',
  'profile',
]);

export class BodyDecodeError extends Error {}

export function decodeWebApiBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (raw.trim() === '') return {};
  if (type === 'application/json') return parseJsonObject(raw);
  if (type === 'application/x-www-form-urlencoded' || type === '') return decodeForm(raw);
  throw new BodyDecodeError(`unsupported content-type ${contentType}`);
}

export function decodeForm(raw: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = STRUCTURED_ARGS.has(key) ? parseStructured(key, value) : value;
  }
  return args;
}

function parseStructured(key: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    // Slack answers invalid_blocks_format / invalid_arguments; keep the string so handlers can tell.
    return value;
  }
}

function parseJsonObject(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new BodyDecodeError(`invalid JSON body: ${String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BodyDecodeError('JSON body must be an object');
  }
  return parsed as Record<string, unknown>;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
