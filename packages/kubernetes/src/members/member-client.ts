import * as http from 'node:http';
import * as https from 'node:https';
import type { Clock, TimerHandle } from '@lifeboat/core';
import type { MemberCluster } from './member-kubeconfig';

/** One request to a member's API server. @public */
export interface MemberRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, from the server's base URL (`/api/v1/nodes?limit=500`). */
  readonly path: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Default `application/json` when there is a body. */
  readonly contentType?: string;
  /** Overrides the client's caps for this request. */
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/** A member's answer: any HTTP status; transport failures are a {@link MemberUnreachableError}. @public */
export interface MemberResponse {
  readonly status: number;
  readonly body: string;
}

/** Caps on every request of a {@link MemberClient}. @public */
export interface MemberClientOptions {
  /** Give up after this long (the whole exchange and each silence on the socket); default 5000 ms. */
  readonly timeoutMs?: number;
  /** Refuse replies larger than this; default 8 MiB. */
  readonly maxBytes?: number;
}

/**
 * No answer came from the member (refused, reset, TLS failure, timed out, too large, or its
 * credentials could not be produced). The message names the member and its server and never
 * holds a secret.
 * @public
 */
export class MemberUnreachableError extends Error {
  override readonly name = 'MemberUnreachableError';

  constructor(
    readonly member: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The member answered a request with an error status. `reason` is Kubernetes' `Status.reason`
 * when the body carried one (`NotFound`, `Conflict`, `Forbidden`, ...).
 * @public
 */
export class MemberApiError extends Error {
  override readonly name = 'MemberApiError';

  constructor(
    readonly member: string,
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Requests to one member's API server over its own TLS and credentials, as client-node applies
 * them from the member's kubeconfig (CA, client certificate and key, bearer token, basic auth,
 * exec plugin). Every request is capped in time and size, so a hanging or flooding member
 * cannot stall the controller; every message is redacted.
 * @public
 */
export class MemberClient {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(
    readonly member: MemberCluster,
    private readonly clock: Clock,
    options: MemberClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  get name(): string {
    return this.member.name;
  }

  /** Sends one request; resolves with any HTTP answer, rejects with {@link MemberUnreachableError}. */
  async request(request: MemberRequest): Promise<MemberResponse> {
    const { member } = this;
    const url = new URL(member.server.href);
    const [pathname, search] = request.path.split('?', 2);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${pathname ?? ''}`;
    url.search = search ? `?${search}` : '';
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const options: https.RequestOptions = {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(payload === undefined
          ? {}
          : {
              'content-type': request.contentType ?? 'application/json',
              'content-length': Buffer.byteLength(payload),
            }),
      },
    };
    try {
      await member.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      throw this.unreachable(`its credentials could not be produced (${messageOf(error)})`);
    }
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    options.timeout = timeoutMs;
    const maxBytes = request.maxBytes ?? this.maxBytes;
    return new Promise<MemberResponse>((resolve, reject) => {
      let settled = false;
      let deadline: TimerHandle | undefined;
      const finish = (outcome: MemberResponse | Error): void => {
        if (settled) return;
        settled = true;
        if (deadline) this.clock.clearTimeout(deadline);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const secure = url.protocol === 'https:';
      let req: http.ClientRequest;
      try {
        req = (secure ? https : http).request(url, options, (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req.destroy();
              finish(
                this.unreachable(`its reply to ${request.path} is larger than ${maxBytes} bytes`),
              );
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () =>
            finish({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', (error) => finish(this.unreachable(messageOf(error))));
        });
      } catch (error) {
        finish(this.unreachable(messageOf(error)));
        return;
      }
      deadline = this.clock.setTimeout(() => {
        req.destroy();
        finish(this.unreachable(`no complete answer to ${request.path} within ${timeoutMs} ms`));
      }, timeoutMs);
      req.on('timeout', () => {
        req.destroy();
        finish(this.unreachable(`no answer to ${request.path} within ${timeoutMs} ms`));
      });
      req.on('error', (error) => finish(this.unreachable(messageOf(error))));
      req.end(payload);
    });
  }

  /** A request whose answer must be 2xx JSON; other answers are a {@link MemberApiError}. */
  async json<T>(request: MemberRequest): Promise<T> {
    const response = await this.request(request);
    if (response.status < 200 || response.status > 299) throw this.apiError(request, response);
    try {
      return JSON.parse(response.body) as T;
    } catch {
      throw new MemberApiError(
        this.name,
        response.status,
        undefined,
        `member "${this.name}": ${request.path} answered ${response.status} with a body that is not JSON`,
      );
    }
  }

  /** The error for a non-2xx answer, with Kubernetes' Status message when the body has one. */
  apiError(request: MemberRequest, response: MemberResponse): MemberApiError {
    let reason: string | undefined;
    let detail = '';
    try {
      const status = JSON.parse(response.body) as { reason?: unknown; message?: unknown };
      if (typeof status.reason === 'string') reason = status.reason;
      if (typeof status.message === 'string') detail = `: ${status.message}`;
    } catch {
      // Not a Status object: the HTTP code says enough.
    }
    return new MemberApiError(
      this.name,
      response.status,
      reason,
      this.member.redactor.redact(
        `member "${this.name}": ${request.method ?? 'GET'} ${request.path} answered ${response.status}${detail}`,
      ),
    );
  }

  private unreachable(detail: string): MemberUnreachableError {
    const { member } = this;
    return new MemberUnreachableError(
      member.name,
      member.redactor.redact(
        `member "${member.name}" (server ${member.server.origin}, kubeconfig context "${member.context}") is unreachable: ${detail}`,
      ),
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
