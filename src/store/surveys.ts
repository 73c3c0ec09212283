import type Keyv from 'keyv';
import { Collection } from './collection.js';
import type { SurveyResponse } from './records.js';

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

  async *all(): AsyncGenerator<SurveyResponse> {
    for await (const [, response] of this.responses.all()) yield response;
  }
}
