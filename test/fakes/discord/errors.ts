/** What a route handler answers; `body: undefined` is sent as an empty 204-style response. */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Discord's JSON error body: `{ message, code }`, plus `errors` for 50035 Invalid Form Body. */
export function apiError(status: number, code: number, message: string, errors?: unknown): HttpAnswer {
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

/** The errors real Discord answers for the situations the fake checks (codes from Discord's JSON error codes). */
export const DiscordErrors = {
  unauthorized: () => apiError(401, 0, '401: Unauthorized'),
  notFound: () => apiError(404, 0, '404: Not Found'),
  unknownChannel: () => apiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => apiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => apiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => apiError(404, 10008, 'Unknown Message'),
  unknownUser: () => apiError(404, 10013, 'Unknown User'),
  unknownWebhook: () => apiError(404, 10015, 'Unknown Webhook'),
  unknownApplication: () => apiError(404, 10002, 'Unknown Application'),
  unknownInteraction: () => apiError(404, 10062, 'Unknown interaction'),
  missingPermissions: () => apiError(403, 50013, 'Missing Permissions'),
  emptyMessage: () => apiError(400, 50006, 'Cannot send an empty message'),
  cannotEditOthers: () => apiError(403, 50005, 'Cannot edit a message authored by another user'),
  wrongChannelType: () => apiError(400, 50024, 'Cannot execute action on this channel type'),
  alreadyAcknowledged: () => apiError(400, 40060, 'Interaction has already been acknowledged.'),
  threadAlreadyExists: () => apiError(400, 160004, 'A thread has already been created for this message'),
  invalidFormBody: (errors: unknown) => apiError(400, 50035, 'Invalid Form Body', errors),
};

type ErrorTree = { [key: string]: ErrorTree | Array<{ code: string; message: string }> };

/**
 * Collects field errors in Discord's nested shape:
 * `{ components: { 0: { components: { _errors: [{ code, message }] } } } }`.
 */
export class FormErrors {
  private readonly tree: ErrorTree = {};
  private count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const next = node[String(key)];
      node[String(key)] = Array.isArray(next) || next === undefined ? {} : next;
      node = node[String(key)] as ErrorTree;
    }
    const list = (node._errors ??= []) as Array<{ code: string; message: string }>;
    list.push({ code, message });
    this.count += 1;
  }

  maxLength(path: ReadonlyArray<string | number>, value: string | undefined | null, max: number): void {
    if (value !== undefined && value !== null && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  required(path: ReadonlyArray<string | number>, value: unknown): boolean {
    if (value !== undefined && value !== null && value !== '') return true;
    this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return false;
  }

  length(path: ReadonlyArray<string | number>, value: { length: number } | undefined, min: number, max: number): void {
    const length = value?.length ?? 0;
    if (length < min || length > max) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** 400 50035 with every problem found, or undefined when there was none. */
  answer(): HttpAnswer | undefined {
    return this.isEmpty ? undefined : DiscordErrors.invalidFormBody(this.tree);
  }
}
