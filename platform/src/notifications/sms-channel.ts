import type { DeliveryResult, NotificationChannel } from './notification-channel.ts';

/** Sorts a provider's HTTP status (see README.md here: the SMS contract). */
export function smsStatusResult(status: number): DeliveryResult {
  if (status >= 200 && status < 300) return { ok: true };
  // 408 and 429 ask to come back later; other 4xx refuse this message for good (a bad number).
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return { ok: false, permanent, reason: `sms http ${status}` };
}

/**
 * SMS through a provider adapter over HTTP: POST {to, text, reference} as JSON with a bearer
 * token. The provider's response body is not read into the reason (it may quote the number).
 */
export function createSmsChannel(options: { url: string; token?: string | undefined; timeoutMs?: number }): NotificationChannel {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: 'SMS',
    async send(message) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ to: message.to, text: message.text, reference: message.reference }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        return smsStatusResult(response.status);
      } catch (error) {
        const cause = (error as { cause?: { code?: unknown } }).cause;
        const code = typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'error';
        return { ok: false, permanent: false, reason: `sms ${code}` };
      }
    },
    close: () => undefined,
  };
}
