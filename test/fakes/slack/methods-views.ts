import { type Block, isBlockList, withBlockIds } from './blocks.js';
import { fail, type FakeSlackState, type MethodHandler, type MethodResult, ok, stringArg } from './fake-state.js';

const MAX_MODAL_BLOCKS = 100;
const MAX_TITLE_LENGTH = 24;

type ViewInput = Record<string, unknown> & { blocks: Block[] };

/** Slack's most common reasons to refuse a modal, with its `[ERROR] … [json-pointer:…]` messages. */
function checkModal(view: unknown): { view: ViewInput } | { problem: string } {
  if (typeof view !== 'object' || view === null) return { problem: '[ERROR] missing required field: view' };
  const input = view as Record<string, unknown>;
  if (input.type !== 'modal') return { problem: '[ERROR] must be a valid enum value [json-pointer:/view/type]' };
  if (!isPlainText(input.title)) return { problem: '[ERROR] missing required field: title [json-pointer:/view]' };
  for (const field of ['title', 'submit', 'close'] as const) {
    const text = (input[field] as { text?: unknown } | undefined)?.text;
    if (typeof text === 'string' && text.length > MAX_TITLE_LENGTH) {
      return { problem: `[ERROR] must be less than 25 characters [json-pointer:/view/${field}/text]` };
    }
  }
  if (!isBlockList(input.blocks)) return { problem: '[ERROR] missing required field: blocks [json-pointer:/view]' };
  if (input.blocks.length > MAX_MODAL_BLOCKS) {
    return { problem: '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]' };
  }
  if (input.blocks.some((block) => block.type === 'input') && !isPlainText(input.submit)) {
    return { problem: '[ERROR] must provide a submit property when using input blocks [json-pointer:/view]' };
  }
  return { view: input as ViewInput };
}

function isPlainText(value: unknown): boolean {
  const element = value as { type?: unknown; text?: unknown } | undefined;
  return element?.type === 'plain_text' && typeof element.text === 'string';
}

function invalid(problem: string): MethodResult {
  return fail('invalid_arguments', { response_metadata: { messages: [problem] } });
}

/** The view as Slack answers it: the input plus ids, hash, state and defaults. */
function materialise(input: ViewInput, state: FakeSlackState, previous?: Record<string, unknown>) {
  const { config, views } = state;
  const id = typeof previous?.id === 'string' ? previous.id : views.newId();
  return {
    ...input,
    id,
    team_id: config.teamId,
    type: 'modal',
    blocks: withBlockIds(input.blocks),
    private_metadata: input.private_metadata ?? '',
    callback_id: input.callback_id ?? '',
    state: { values: {} },
    hash: views.newHash(),
    title: { emoji: true, ...(input.title as object) },
    clear_on_close: input.clear_on_close ?? false,
    notify_on_close: input.notify_on_close ?? false,
    close: input.close ?? null,
    submit: input.submit ?? null,
    previous_view_id: previous?.previous_view_id ?? null,
    root_view_id: previous?.root_view_id ?? id,
    app_id: config.appId,
    external_id: input.external_id ?? '',
    app_installed_team_id: config.teamId,
    bot_id: config.botId,
  };
}

const viewsOpen: MethodHandler = (args, state) => {
  const triggerId = stringArg(args, 'trigger_id') ?? stringArg(args, 'interactivity_pointer');
  if (triggerId === undefined) return invalid('[ERROR] missing required field: trigger_id');
  if (state.usedTriggerIds.has(triggerId)) return fail('exchanged_trigger_id');
  const checked = checkModal(args.view);
  if ('problem' in checked) return invalid(checked.problem);
  state.usedTriggerIds.add(triggerId);
  const view = materialise(checked.view, state);
  state.views.save(view);
  return ok({ view });
};

const viewsUpdate: MethodHandler = (args, state) => {
  const viewId = stringArg(args, 'view_id');
  const externalId = stringArg(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    return invalid('[ERROR] missing required field: view_id or external_id');
  }
  const previous = viewId !== undefined ? state.views.get(viewId) : state.views.findByExternalId(externalId ?? '');
  if (previous === undefined) return fail('not_found');
  const hash = stringArg(args, 'hash');
  if (hash !== undefined && hash !== previous.hash) return fail('hash_conflict');
  const checked = checkModal(args.view);
  if ('problem' in checked) return invalid(checked.problem);
  const view = materialise(checked.view, state, previous);
  state.views.save(view);
  return ok({ view });
};

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': viewsOpen,
  'views.update': viewsUpdate,
};
