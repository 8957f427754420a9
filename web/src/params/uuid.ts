import type { ParamMatcher } from '@sveltejs/kit';

/** Doctor, document and application ids are UUIDs; anything else is not one of them (404 without asking the API). */
export const match: ParamMatcher = (param) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(param);
