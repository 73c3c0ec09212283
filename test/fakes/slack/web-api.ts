import { fail, type FakeSlackConfig, type FakeSlackState, type MethodHandler } from './fake-state.js';
import type { HttpAnswer } from './failures.js';
import { messageMethods } from './methods-messages.js';
import { viewMethods } from './methods-views.js';
import { workspaceMethods } from './methods-workspace.js';

const METHODS: Record<string, MethodHandler> = { ...messageMethods, ...workspaceMethods, ...viewMethods };

/** Methods that take an app-level token (xapp-); every other method here takes a bot or user token. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

export const implementedMethods = Object.keys(METHODS);

export function answerWebApiCall(
  method: string,
  args: Record<string, unknown>,
  token: string | undefined,
  state: FakeSlackState,
): HttpAnswer {
  const handler = METHODS[method];
  if (handler === undefined) return okStatus(fail('unknown_method', { req_method: method }));
  const problem = tokenProblem(method, token, state.config);
  if (problem !== undefined) return okStatus(fail(problem));
  return okStatus(handler(args, state));
}

// Slack's Web API answers errors with HTTP 200 and {ok:false}; only rate limits use another status.
function okStatus(body: unknown): HttpAnswer {
  return { status: 200, headers: {}, body };
}

function tokenProblem(method: string, token: string | undefined, config: FakeSlackConfig): string | undefined {
  if (token === undefined || token === '') return 'not_authed';
  if (APP_TOKEN_METHODS.has(method)) {
    if (!token.startsWith('xapp-')) return 'not_allowed_token_type';
    return config.appToken !== undefined && token !== config.appToken ? 'invalid_auth' : undefined;
  }
  if (token.startsWith('xapp-')) return 'not_allowed_token_type';
  if (token.startsWith('xoxp-')) return undefined;
  if (!token.startsWith('xoxb-')) return 'invalid_auth';
  return config.botToken !== undefined && token !== config.botToken ? 'invalid_auth' : undefined;
}
