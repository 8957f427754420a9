/** Development-only API endpoints; the API answers 404 for them in production. */
import { interpret, type ApiHttp } from './api-http';
import { outboxSchema } from './identity-schemas';

export function createDevApi(http: ApiHttp) {
  return {
    /** The latest emails and SMS the API "sent", newest first. */
    outbox: async (recipient?: string) =>
      interpret(
        await http.get(`/api/v1/dev/outbox${recipient ? `?recipient=${encodeURIComponent(recipient)}` : ''}`),
        outboxSchema,
        'the development outbox',
      ),
  };
}
