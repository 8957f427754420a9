/**
 * The shared end of the file proxies (prescription PDF, credential documents, doctor photos): read
 * what the API says it sent, and pass its bytes on under the headers this server chose, without
 * buffering them.
 */

/** The answer's media type without parameters ("image/png; q=1" → "image/png"); '' when it names none. */
export function mediaTypeOf(answer: Response): string {
  return answer.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
}

/** A 200 streaming the answer's body under `headers`, with its length kept so a browser can show progress. */
export function streamOn(answer: Response, headers: Headers): Response {
  const length = answer.headers.get('content-length');
  if (length) headers.set('content-length', length);
  return new Response(answer.body, { status: 200, headers });
}
