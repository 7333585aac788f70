/**
 * Personal links carry their secret in the path (/l/…, /meeting-answer/…, /ack/…, /api/links/…, /api/auth/tokens/…) or in
 * a `token` query parameter: a request log line must never repeat it, whoever reads the logs.
 */
const TOKEN_IN_PATH =
  /\/(l|links\/meeting-invitations|links|tokens|meeting-answer|reenrolment|reenrolment-links|ack|distance-links)\/([A-Za-z0-9_-]{16,})/g;
const TOKEN_IN_QUERY = /([?&]token=)[^&#]*/g;

export function redactUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '/$1/[hidden]').replace(TOKEN_IN_QUERY, '$1[hidden]');
}
