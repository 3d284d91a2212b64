import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { isIPv6 } from 'node:net';

/** One route's answer. */
export interface RouteReply {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
}

/** A GET route, or any method when the route handles the raw request itself (the predictor). */
export type Route =
  | { readonly get: () => RouteReply | Promise<RouteReply> }
  | { readonly raw: (request: IncomingMessage, response: ServerResponse) => void };

/**
 * A process's small HTTP server: health, readiness, metrics and (agents) the predictor. It
 * listens on loopback unless told otherwise (`--listen`), since these are for the local control
 * plane and the operator; port 0 picks a free port and `address` tells which. With `tls` it
 * serves HTTPS with that certificate (what members offer the controllers' probes and
 * predictor calls).
 */
export class ProcessServer {
  private readonly server: Server;
  private host = '127.0.0.1';

  constructor(
    private readonly routes: Readonly<Record<string, Route>>,
    private readonly tls?: { readonly cert: Buffer; readonly key: Buffer },
  ) {
    const handler = (request: IncomingMessage, response: ServerResponse): void =>
      this.handle(request, response);
    this.server = tls
      ? createTlsServer({ cert: tls.cert, key: tls.key }, handler)
      : createServer(handler);
    // Node's client keeps an idle connection for the server's keep-alive timeout less a second,
    // so at 1 s every probe and predictor call opened a new one (2,000 bindings: thousands of
    // connects in the leader). `close` ends idle connections itself, so stop is not held up.
    this.server.keepAliveTimeout = 5_000;
  }

  listen(port: number, host = '127.0.0.1'): Promise<string> {
    this.host = host;
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.address);
      });
    });
  }

  /** `http://HOST:PORT` (`https://` with TLS) of the listening socket (`[::1]` style for IPv6). */
  get address(): string {
    const address = this.server.address();
    if (typeof address !== 'object' || !address) return '';
    const scheme = this.tls ? 'https' : 'http';
    return `${scheme}://${isIPv6(this.host) ? `[${this.host}]` : this.host}:${address.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = this.routes[path];
    if (!route) return send(response, { status: 404, body: `no route ${path}\n` });
    if ('raw' in route) return route.raw(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, { status: 405, body: 'use GET\n' });
    Promise.resolve()
      .then(() => route.get())
      .then(
        (reply) => send(response, reply),
        (error: unknown) =>
          send(response, {
            status: 500,
            body: `${error instanceof Error ? error.message : String(error)}\n`,
          }),
      );
  }
}

function send(response: ServerResponse, reply: RouteReply): void {
  response.writeHead(reply.status, {
    'content-type': reply.contentType ?? 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(reply.body),
  });
  response.end(reply.body);
}
