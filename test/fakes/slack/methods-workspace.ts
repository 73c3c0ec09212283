import { fail, type FakeSlackConfig, type MethodHandler, ok, stringArg } from './fake-state.js';
import type { FakeSlackUser } from './types.js';

const authTest: MethodHandler = (_args, { config }) =>
  ok({
    url: `https://${config.teamDomain}.slack.com/`,
    team: 'Threadline Test',
    user: config.botName,
    team_id: config.teamId,
    user_id: config.botUserId,
    bot_id: config.botId,
    is_enterprise_install: false,
  });

function describeUser(config: FakeSlackConfig, user: FakeSlackUser): Record<string, unknown> {
  const realName = user.real_name ?? user.name;
  return {
    id: user.id,
    team_id: config.teamId,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: realName,
    tz: user.tz ?? 'Europe/Berlin',
    tz_label: 'Central European Time',
    tz_offset: 3600,
    is_admin: user.is_admin ?? false,
    is_owner: false,
    is_bot: user.is_bot ?? false,
    is_app_user: false,
    updated: 1_690_000_000,
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: user.display_name ?? user.name,
      display_name_normalized: user.display_name ?? user.name,
      ...(user.email === undefined ? {} : { email: user.email }),
      ...(user.is_bot ? { bot_id: config.botId, api_app_id: config.appId } : {}),
      image_72: `https://avatars.slack-edge.invalid/${user.id}_72.png`,
      team: config.teamId,
    },
  };
}

const usersInfo: MethodHandler = (args, { config }) => {
  const id = stringArg(args, 'user');
  const user = id === undefined ? undefined : config.users.get(id);
  return user === undefined ? fail('user_not_found') : ok({ user: describeUser(config, user) });
};

const usergroupMembers: MethodHandler = (args, { config }) => {
  const id = stringArg(args, 'usergroup');
  if (id === undefined) return fail('invalid_arguments');
  const members = config.usergroups[id];
  return members === undefined ? fail('no_such_subteam') : ok({ users: [...members] });
};

const connectionsOpen: MethodHandler = (_args, state) => ok({ url: state.issueSocketUrl() });

export const workspaceMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'usergroups.users.list': usergroupMembers,
  'apps.connections.open': connectionsOpen,
};
