const DISCORD_EPOCH = 1420070400000n;

/**
 * Real-shaped snowflakes (milliseconds since the Discord epoch << 22), strictly increasing even within one
 * millisecond, so discord.js computes sensible `createdTimestamp`s and ids sort in creation order.
 */
export class SnowflakeGenerator {
  private last = 0n;

  next(at: number = Date.now()): string {
    let id = (BigInt(at) - DISCORD_EPOCH) << 22n;
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }
}

/** The moment a snowflake was made, as Discord timestamps it (ISO 8601). */
export function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}
