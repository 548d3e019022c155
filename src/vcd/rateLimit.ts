// HTTP 429 (Too Many Requests). VCD itself documents no rate limiting, but proxies and API gateways in front of it
// send 429 with `Retry-After`. The transport honours a wait of up to RATE_LIMIT_MAX_WAIT_SECONDS with exactly one
// retry; beyond that, or when the retry is limited too, the caller gets a 'rateLimited' error saying when to try again.

/** Longest `Retry-After` the client waits before its one retry. */
export const RATE_LIMIT_MAX_WAIT_SECONDS = 30;
/** The wait when a 429 names none (or one that cannot be read). */
export const RATE_LIMIT_DEFAULT_WAIT_SECONDS = 1;

/**
 * Seconds to wait from a `Retry-After` value: delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`,
 * relative to `now`, never negative). Undefined when absent or unreadable; may be Infinity for absurd values.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  if (text === '') {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  // An HTTP-date (IMF-fixdate, RFC 850 or asctime) starts with the day's name; Date.parse alone reads "-5" as a year.
  if (text.length > 64 || !/^[A-Za-z]{3}/.test(text)) {
    return undefined;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** "in 20 seconds", "in 3 minutes", "in about 2 hours", "later", "in a moment" (for a message). */
export function retryPhrase(seconds: number | undefined): string {
  if (seconds === undefined || seconds < 1) {
    return 'in a moment';
  }
  if (!Number.isFinite(seconds) || seconds > 48 * 3600) {
    return 'later';
  }
  if (seconds < 120) {
    return seconds === 1 ? 'in 1 second' : `in ${seconds} seconds`;
  }
  if (seconds < 2 * 3600) {
    return `in ${Math.ceil(seconds / 60)} minutes`;
  }
  return `in about ${Math.round(seconds / 3600)} hours`;
}
