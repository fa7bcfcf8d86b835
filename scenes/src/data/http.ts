// fetch for the app, with the failures told apart: the server gone (network error), a resource that does not
// exist (404, e.g. an unknown run), and any other coded API error (its message and hint).

/** Why a request failed, for the notices on screen. */
export type FetchFailure = 'gone' | 'not-found' | 'api';

/** A failed request: the kind, the status and the server's own message (code, message, hint) when it sent one. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchFailure,
    readonly status: number,
    message: string,
    readonly code = '',
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

async function request(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store' });
  } catch (e) {
    throw new FetchError('gone', 0, `${url}: ${(e as Error).message}`);
  }
  if (res.ok) return res;
  let code = '';
  let message = `${url}: HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { code?: string; message?: string; hint?: string };
    code = body.code ?? '';
    if (body.message) message = body.hint ? `${body.message} (${body.hint})` : body.message;
  } catch {
    // Not a coded error body (a proxy's page): the status says enough.
  }
  // A gateway or a server shutting down answers 502/503/504: to the user that is the server gone too.
  const kind: FetchFailure = res.status === 404 ? 'not-found' : res.status >= 502 ? 'gone' : 'api';
  throw new FetchError(kind, res.status, message, code);
}

/** GET a JSON body. */
export async function getJson<T>(url: string): Promise<T> {
  return (await (await request(url)).json()) as T;
}

/** GET a binary body. */
export async function getBytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await request(url)).arrayBuffer());
}
