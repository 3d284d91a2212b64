import * as http from 'node:http';
import * as https from 'node:https';
import type { Cluster } from '@lifeboat/core';
import type { ClusterProber, ProbeResult } from './cluster-prober';

/** How to reach one member's API server. PEM strings or buffers. @public */
export interface ProbeCredentials {
  /** CA bundle that signed the server certificate. */
  readonly ca?: string | Buffer;
  /** Client certificate and key (mutual TLS). */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  /** Accept any server certificate (Karmada `insecureSkipTLSVerification`). */
  readonly insecureSkipTLSVerify?: boolean;
}

/** Settings of {@link HttpClusterProber}. @public */
export interface HttpClusterProberOptions {
  /** Give up on a request after this long without progress; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Credentials per cluster (e.g. read from a secret store); none: plain request. */
  readonly credentialsFor?: (cluster: Cluster) => ProbeCredentials | undefined;
}

type Outcome = { readonly status: number } | { readonly error: string };

/**
 * The real probe: GET `<apiEndpoint>/readyz`, and `/healthz` only when `/readyz` answers 404.
 * No answer (refused, reset, timed out, TLS failure) is offline; an answer other than 200 is
 * online but unhealthy; 200 is healthy. The timeout is the socket's own idle timeout, so the
 * probe needs no timer of its own.
 * @public
 */
export class HttpClusterProber implements ClusterProber {
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpClusterProberOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async probe(cluster: Cluster): Promise<ProbeResult> {
    const endpoint = cluster.spec.apiEndpoint;
    if (!endpoint)
      return { online: false, healthy: false, detail: 'cluster has no spec.apiEndpoint' };
    let base: URL;
    try {
      base = new URL(endpoint);
    } catch {
      return { online: false, healthy: false, detail: `invalid spec.apiEndpoint "${endpoint}"` };
    }
    const credentials = this.options.credentialsFor?.(cluster);
    let outcome = await this.get(withPath(base, 'readyz'), credentials);
    if ('status' in outcome && outcome.status === 404)
      outcome = await this.get(withPath(base, 'healthz'), credentials);
    if ('error' in outcome) return { online: false, healthy: false, detail: outcome.error };
    if (outcome.status !== 200)
      return { online: true, healthy: false, detail: `health endpoint answered ${outcome.status}` };
    return { online: true, healthy: true };
  }

  private get(url: URL, credentials: ProbeCredentials | undefined): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const headers: Record<string, string> = { accept: 'text/plain' };
      if (credentials?.bearerToken) headers.authorization = `Bearer ${credentials.bearerToken}`;
      const secure = url.protocol === 'https:';
      const options: https.RequestOptions = { method: 'GET', headers, timeout: this.timeoutMs };
      if (secure && credentials) {
        if (credentials.ca) options.ca = credentials.ca;
        if (credentials.cert) options.cert = credentials.cert;
        if (credentials.key) options.key = credentials.key;
        if (credentials.insecureSkipTLSVerify) options.rejectUnauthorized = false;
      }
      let request: http.ClientRequest;
      try {
        request = (secure ? https : http).request(url, options, (response) => {
          // Only the status matters: drop the body unread, however long it is.
          response.destroy();
          resolve({ status: response.statusCode ?? 0 });
        });
      } catch (error) {
        // Unusable credentials (e.g. a malformed PEM) throw here; that is a failed probe, not a crash.
        resolve({ error: error instanceof Error ? error.message : String(error) });
        return;
      }
      request.on('timeout', () =>
        request.destroy(new Error(`no answer from ${url.href} within ${this.timeoutMs} ms`)),
      );
      request.on('error', (error) => resolve({ error: error.message }));
      request.end();
    });
  }
}

function withPath(base: URL, endpoint: string): URL {
  const url = new URL(base.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${endpoint}`;
  url.search = '';
  return url;
}
