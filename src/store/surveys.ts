import type Keyv from 'keyv';
import { Collection } from './collection.js';
import type { SurveyResponse } from './records.js';

/** Stands where an erased customer's id was. */
export const ERASED = 'erased';

/** CES answers, one per conversation round. */
export class SurveyRepository {
  private readonly responses: Collection<SurveyResponse>;

  constructor(keyv: Keyv) {
    this.responses = new Collection(keyv, 'survey');
  }

  get(conversationId: string, round: number): Promise<SurveyResponse | undefined> {
    return this.responses.get(`${conversationId}#${round}`);
  }

  save(response: SurveyResponse): Promise<void> {
    return this.responses.set(`${response.conversationId}#${response.round}`, response);
  }

  /** The score stays for reports; who gave it and their comment go. Returns how many answers were changed. */
  async anonymise(conversationIds: ReadonlySet<string>): Promise<number> {
    let changed = 0;
    for await (const [key, response] of this.responses.all()) {
      if (!conversationIds.has(response.conversationId)) continue;
      const { comment: _comment, ...rest } = response;
      await this.responses.set(key, { ...rest, customerId: ERASED });
      changed += 1;
    }
    return changed;
  }

  async *all(): AsyncGenerator<SurveyResponse> {
    for await (const [, response] of this.responses.all()) yield response;
  }
}
