export type Block = Record<string, unknown> & { type: string };

export function isBlockList(value: unknown): value is Block[] {
  return Array.isArray(value) && value.every(isBlock);
}

function isBlock(block: unknown): block is Block {
  return typeof block === 'object' && block !== null && typeof (block as { type?: unknown }).type === 'string';
}

/** Slack gives every block without one a block_id (unique within the message or view); actions refer to it. */
export function withBlockIds(blocks: Block[]): Block[] {
  return blocks.map((block, index) => (typeof block.block_id === 'string' ? block : { ...block, block_id: `fk${index}` }));
}
