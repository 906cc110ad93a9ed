// One HTTP exchange with Extensiv: axios with certificate verification always on, no redirects, time and size
// limits. The body comes back as text, so error bodies can be kept verbatim. Only failures without a status throw.
import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import { classifyNetworkError } from './errors.js';

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export interface Transport {
  send(req: RawRequest): Promise<RawResponse>;
  close(): void;
}

export function createTransport(options: { timeoutMs: number; maxContentLength: number }): Transport {
  const httpsAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });
  const httpAgent = new http.Agent({ keepAlive: true });
  const client = axios.create({
    timeout: options.timeoutMs,
    maxContentLength: options.maxContentLength,
    maxBodyLength: options.maxContentLength,
    maxRedirects: 0,
    httpAgent,
    httpsAgent,
    proxy: false,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  return {
    async send(req) {
      // axios's `timeout` only fires while the socket is idle: an answer dribbled out byte by byte would never end.
      // This limit covers the whole exchange (found by the reliability suite's endless-response test).
      const whole = new AbortController();
      const timer = setTimeout(() => whole.abort(), options.timeoutMs);
      try {
        const res = await client.request<unknown>({ method: req.method, url: req.url, headers: req.headers, data: req.body, signal: whole.signal });
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers as Record<string, unknown>)) {
          headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
        }
        // responseType 'text' with an identity transform: the body is the server's string (or nothing).
        return { status: res.status, headers, text: typeof res.data === 'string' ? res.data : '' };
      } catch (e) {
        const cause = whole.signal.aborted ? Object.assign(new Error('the answer did not complete in time'), { code: 'ETIMEDOUT' }) : e;
        throw classifyNetworkError(cause, new URL(req.url).host, options.timeoutMs);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
