// Requests that change state (save a scenario, start or fork a run, operator commands): JSON with the caller's token
// (kept in this browser's localStorage), failures as FetchError with the server's own message and fix.
import { FetchError } from '../data/http.ts';

const KEY = 'rivertwin.token';

/** The token this browser sends ('' for none: an anonymous viewer). */
export function savedToken(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveToken(token: string): void {
  try {
    localStorage.setItem(KEY, token.trim());
  } catch {
    // Storage refused (private mode): the token lives for this page only.
  }
}

/** POST (or GET with `body` undefined and method GET) a JSON request with the token; resolves with the JSON answer. */
export async function sendJson<T>(url: string, body: unknown, method = 'POST'): Promise<T> {
  const headers: Record<string, string> = {};
  const token = savedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new FetchError('gone', 0, `${url}: ${(e as Error).message}`);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.ok) return parsed as T;
  const b = (parsed ?? {}) as { code?: string; message?: string; hint?: string };
  const message = b.message
    ? b.hint && !b.message.includes(b.hint)
      ? `${b.message} (${b.hint})`
      : b.message
    : `${url}: HTTP ${res.status}`;
  throw new FetchError(res.status === 404 ? 'not-found' : 'api', res.status, message, b.code ?? '');
}
