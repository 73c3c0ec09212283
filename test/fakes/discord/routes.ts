import type { HttpAnswer } from './errors.js';
import type { FakeGateway } from './gateway.js';
import { applicationRoutes } from './routes-application.js';
import { channelRoutes } from './routes-channels.js';
import { interactionRoutes } from './routes-interactions.js';
import type { UploadedFile } from './types.js';
import type { World } from './world.js';

/** Every REST route the fake implements; anything else is answered 404 and recorded as 'UNKNOWN'. */
export const ROUTES = [
  'GET /gateway/bot',
  'GET /users/@me',
  'GET /users/:id',
  'POST /users/@me/channels',
  'GET /applications/@me',
  'GET /applications/:appId/commands',
  'PUT /applications/:appId/commands',
  'GET /applications/:appId/guilds/:guildId/commands',
  'PUT /applications/:appId/guilds/:guildId/commands',
  'GET /guilds/:id/members/:userId',
  'GET /channels/:id',
  'PATCH /channels/:id',
  'POST /channels/:id/messages',
  'GET /channels/:id/messages/:mid',
  'PATCH /channels/:id/messages/:mid',
  'DELETE /channels/:id/messages/:mid',
  'POST /channels/:id/messages/:mid/threads',
  'POST /channels/:id/threads',
  'PUT /channels/:id/thread-members/@me',
  'POST /channels/:id/typing',
  'POST /interactions/:id/:token/callback',
  'GET /webhooks/:appId/:token/messages/@original',
  'PATCH /webhooks/:appId/:token/messages/@original',
  'DELETE /webhooks/:appId/:token/messages/@original',
  'PATCH /webhooks/:appId/:token/messages/:mid',
  'POST /webhooks/:appId/:token',
] as const;

export type DiscordRoute = (typeof ROUTES)[number];

/** Routes Discord serves without `Authorization: Bot …`: the interaction token is the credential. */
const TOKEN_ROUTES = new Set<DiscordRoute>(ROUTES.filter((route) => /\/(interactions|webhooks)\//.test(route)));

export interface RouteSettings {
  /** Discord refuses a first response after 3 s with 10062 Unknown interaction. */
  interactionResponseMs: number;
}

export interface RouteContext {
  world: World;
  gateway: FakeGateway;
  settings: RouteSettings;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
  /** Sends a gateway event if a client is connected (REST-only tests have none). */
  emit: (event: string, data: unknown) => Promise<unknown>;
}

/** `after` runs once the HTTP response is sent: gateway events follow the REST answer, as they usually do. */
export interface RouteAnswer extends HttpAnswer {
  after?: () => Promise<unknown>;
}

export type RouteHandler = (ctx: RouteContext) => RouteAnswer | Promise<RouteAnswer>;
export type RouteTable<K extends DiscordRoute> = { [P in K]: RouteHandler };

const HANDLERS = { ...applicationRoutes, ...channelRoutes, ...interactionRoutes } satisfies Record<DiscordRoute, RouteHandler>;

export interface MatchedRoute {
  route: DiscordRoute;
  params: Record<string, string>;
  needsBotToken: boolean;
  handler: RouteHandler;
}

/** The route for a request; literal segments win over parameters (`/users/@me` over `/users/:id`). */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let best: { route: DiscordRoute; params: Record<string, string>; literals: number } | undefined;
  for (const route of ROUTES) {
    const [routeMethod, pattern = ''] = route.split(' ');
    if (routeMethod !== method) continue;
    const parts = pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const matches = parts.every((part, index) => {
      const segment = segments[index] as string;
      if (part.startsWith(':')) return (params[part.slice(1)] = segment), true;
      literals += 1;
      return part === segment;
    });
    if (matches && (!best || literals > best.literals)) best = { route, params, literals };
  }
  if (!best) return undefined;
  return { route: best.route, params: best.params, needsBotToken: !TOKEN_ROUTES.has(best.route), handler: HANDLERS[best.route] };
}
