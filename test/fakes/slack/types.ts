/** One request the fake received: a Web API call, or a post to a response_url (method 'response_url'). */
export interface RecordedCall {
  method: string;
  /** Decoded request body; JSON-encoded structured args (blocks, view, …) are parsed back into objects. */
  args: Record<string, unknown>;
  /** Bearer token from the Authorization header, if any. */
  token: string | undefined;
  /** Date.now() when the request arrived. */
  at: number;
  /** HTTP status the fake answered with. */
  status: number;
  /** Body the fake answered with (parsed JSON object, or text). */
  response: unknown;
  /** Full URL, for response_url posts only. */
  url?: string;
}

export interface FakeSlackUser {
  id: string;
  name: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  is_bot?: boolean;
  is_admin?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface FakeSlackChannel {
  id: string;
  name: string;
  is_private?: boolean;
  /** For direct messages (id starting with D): the other user's id. */
  user?: string;
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  botName?: string;
  appId?: string;
  teamId?: string;
  teamDomain?: string;
  /** Defaults to one customer (DEFAULT_IDS.userId). The bot user is always added. */
  users?: FakeSlackUser[];
  /** Usergroup id (S…) -> member user ids, for usergroups.users.list. */
  usergroups?: Record<string, string[]>;
  /**
   * Known conversations. When omitted, any well-formed conversation id (C…, G…, D…) is accepted;
   * when given, anything else answers channel_not_found.
   */
  channels?: FakeSlackChannel[];
  /** When set, only this exact xoxb- token is accepted (others: invalid_auth). Any xoxb-… otherwise. */
  botToken?: string;
  /** When set, only this exact xapp- token is accepted for apps.connections.open. Any xapp-… otherwise. */
  appToken?: string;
}

/** What failNext() makes the fake answer once. */
export type InjectedFailure =
  /** HTTP 200 with {ok:false, error}. */
  | { error: string }
  /** HTTP 429 with a Retry-After header (seconds, default 1). */
  | { status: 429; retryAfter?: number }
  /** Any other HTTP status with a text body (e.g. 500, 503). */
  | { status: number; body?: string };
