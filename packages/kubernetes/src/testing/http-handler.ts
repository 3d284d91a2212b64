import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, invalid } from './api-error';
import { apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './discovery';
import { openApiGroupVersion, openApiRoot } from './openapi';
import { toTable, wantsTable } from './table';
import type { KubeObject } from './object-store';
import { jsonPatch, mergePatch, PatchTestFailed, strategicMergePatch } from './patches';
import type { ResourceApi, DeleteOptions } from './resource-api';
import type { ResourceRegistry } from './resource-registry';
import type { ResourceType } from './resource-types';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './selectors';
import type { WriteScope } from './server-side-apply';

/** What the handler asks of its server: who may call, whether it is healthy, and the clock for watch timeouts. */
export interface HandlerEnvironment {
  readonly registry: ResourceRegistry;
  readonly api: ResourceApi;
  /** The user a bearer token belongs to. */
  readonly userOfToken: (token: string) => string | undefined;
  readonly checks: () => {
    readonly healthz: boolean;
    readonly readyz: boolean;
    readonly livez: boolean;
  };
  readonly serverAddress: () => string;
  readonly scheduleTimeout: (callback: () => void, ms: number) => () => void;
  /** The clock's time, for the Age column. */
  readonly now: () => number;
  /** Registers an open watch so a partition or stop can cut it. */
  readonly trackWatch: (response: ServerResponse, stop: () => void) => void;
  /** While partitioned, open watches deliver nothing (the packets are lost). */
  readonly partitioned: () => boolean;
}

interface Target {
  readonly type: ResourceType;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

const MAX_BODY = 3 * 1024 * 1024;

/** Serves one HTTP request the way kube-apiserver would, for the subset Lifeboat and kubectl use. */
export async function handleRequest(
  env: HandlerEnvironment,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'https://double.invalid');
  try {
    if (serveHealth(env, url.pathname, response)) return;
    if (url.pathname === '/version') return sendJson(response, 200, versionInfo());
    const user = authenticate(env, request);
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    const discovery = discoveryDocument(env, url.pathname);
    if (discovery) return sendJson(response, 200, discovery);
    const target = resolveTarget(env.registry, url.pathname);
    if (!target)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    await serveResource(env, target, request, response, url, user);
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : error instanceof SelectorError
          ? badRequest(error.message)
          : new ApiError(500, 'InternalError', `Internal error occurred: ${String(error)}`);
    if (!response.headersSent) sendJson(response, apiError.code, apiError.toStatus());
    else response.end();
  }
}

function serveHealth(env: HandlerEnvironment, path: string, response: ServerResponse): boolean {
  const name = /^\/(healthz|readyz|livez)(\/.*)?$/.exec(path)?.[1] as
    'healthz' | 'readyz' | 'livez' | undefined;
  if (!name) return false;
  const ok = env.checks()[name];
  response.writeHead(ok ? 200 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(ok ? 'ok' : `[-]etcd failed: reason withheld\n${name} check failed`);
  return true;
}

function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-lifeboat-api-double',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function authenticate(env: HandlerEnvironment, request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return env.userOfToken(header.slice('Bearer '.length).trim());
  const socket = request.socket as TLSSocket;
  if (socket.authorized) {
    const subject = socket.getPeerCertificate().subject as unknown as
      Record<string, string> | undefined;
    return subject?.CN;
  }
  return undefined;
}

function discoveryDocument(
  env: HandlerEnvironment,
  path: string,
): Record<string, unknown> | undefined {
  if (path === '/openapi/v3') return openApiRoot(env.registry);
  const openapi = /^\/openapi\/v3\/(?:api|apis\/([^/]+))\/([^/]+)$/.exec(path);
  if (openapi) return openApiGroupVersion(env.registry, openapi[1] ?? '', openapi[2] as string);
  if (path === '/api') return apiVersions(env.serverAddress());
  if (path === '/apis') return apiGroupList(env.registry);
  if (path === '/api/v1') return apiResourceList(env.registry, '', 'v1');
  const group = /^\/apis\/([^/]+)$/.exec(path);
  if (group) return apiGroupDocument(env.registry, group[1] as string);
  const groupVersion = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
  if (groupVersion)
    return apiResourceList(env.registry, groupVersion[1] as string, groupVersion[2] as string);
  return undefined;
}

function resolveTarget(registry: ResourceRegistry, path: string): Target | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'api' && parts[1] === 'v1') [group, version, rest] = ['', 'v1', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3)
    [group, version, rest] = [parts[1] as string, parts[2] as string, parts.slice(3)];
  else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = registry.find(group, version, rest[2] as string);
    if (type?.namespaced) return withName(type, rest[1], rest.slice(3));
  }
  const type = registry.find(group, version, rest[0] ?? '');
  if (!type) return undefined;
  return withName(type, undefined, rest.slice(1));
}

function withName(
  type: ResourceType,
  namespace: string | undefined,
  rest: string[],
): Target | undefined {
  if (rest.length > 2) return undefined;
  const [name, subresource] = rest;
  if (subresource !== undefined && !(subresource === 'status' && type.status)) return undefined;
  return { type, namespace, name, subresource };
}

async function serveResource(
  env: HandlerEnvironment,
  target: Target,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  user: string,
): Promise<void> {
  const { type, namespace, name } = target;
  const query = url.searchParams;
  const scope: WriteScope = target.subresource === 'status' ? 'status' : 'main';
  const manager =
    query.get('fieldManager') ?? managerFromUserAgent(request.headers['user-agent'], user);
  const method = request.method ?? 'GET';
  if (type.namespaced && namespace === undefined && name !== undefined)
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (method === 'GET' && name === undefined) {
    const matches = selectorsOf(query);
    if (query.get('watch') === 'true' || query.get('watch') === '1')
      return serveWatch(env, target, query, matches, response, wantsTable(request.headers.accept));
    const { items, resourceVersion } = env.api.list(type, namespace, matches);
    checkListVersion(query.get('resourceVersion'), resourceVersion);
    if (wantsTable(request.headers.accept))
      return sendJson(
        response,
        200,
        toTable(items, type, env.now(), resourceVersion, query.get('includeObject')),
      );
    return sendJson(response, 200, {
      kind: `${type.kind}List`,
      apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
      metadata: { resourceVersion },
      items,
    });
  }
  const body =
    method === 'GET' || method === 'DELETE'
      ? await readOptionalBody(request)
      : await readBody(request);
  if (method === 'GET')
    return sendJson(response, 200, env.api.get(type, namespace, name as string));
  if (method === 'POST' && name === undefined)
    return sendJson(
      response,
      201,
      env.api.create(type, namespace, body as KubeObject, { manager }),
    );
  if (method === 'PUT' && name !== undefined)
    return sendJson(
      response,
      200,
      env.api.update(type, namespace, name, body as KubeObject, { manager, scope }),
    );
  if (method === 'PATCH' && name !== undefined)
    return sendJson(response, 200, patch(env, target, request, query, body, manager, scope));
  if (method === 'DELETE' && name !== undefined)
    return sendJson(
      response,
      200,
      env.api.delete(type, namespace, name, deleteOptionsOf(body, query)),
    );
  if (method === 'DELETE') {
    const matches = selectorsOf(query);
    const { items } = env.api.list(type, namespace, matches);
    const deleted = items.map((o) =>
      env.api.delete(type, o.metadata.namespace, o.metadata.name, deleteOptionsOf(body, query)),
    );
    return sendJson(response, 200, {
      kind: `${type.kind}List`,
      apiVersion: 'v1',
      metadata: {},
      items: deleted,
    });
  }
  throw new ApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource`,
  );
}

function patch(
  env: HandlerEnvironment,
  target: Target,
  request: IncomingMessage,
  query: URLSearchParams,
  body: unknown,
  manager: string,
  scope: WriteScope,
): KubeObject {
  const { type, namespace } = target;
  const name = target.name as string;
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
  if (contentType === 'application/apply-patch+yaml') {
    if (!query.get('fieldManager')) throw badRequest('fieldManager is required for apply requests');
    return env.api.apply(type, namespace, name, body as KubeObject, query.get('force') === 'true', {
      manager,
      scope,
    });
  }
  const apply = (live: KubeObject): KubeObject => {
    switch (contentType) {
      case 'application/merge-patch+json':
        return mergePatch(live, body) as KubeObject;
      case 'application/strategic-merge-patch+json':
        if (type.requireResourceVersionOnUpdate)
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            'strategic merge patch is not supported for custom resources',
          );
        return strategicMergePatch(live, body, type.listKeys ?? {}) as KubeObject;
      case 'application/json-patch+json':
        try {
          return jsonPatch(live, body) as KubeObject;
        } catch (error) {
          if (error instanceof PatchTestFailed)
            throw invalid(type.kind, name, type.group, [
              { field: 'patch', message: error.message },
            ]);
          throw error;
        }
      default:
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format: ${contentType}`,
        );
    }
  };
  return env.api.patch(type, namespace, name, apply, { manager, scope });
}

function serveWatch(
  env: HandlerEnvironment,
  target: Target,
  query: URLSearchParams,
  matches: (object: KubeObject) => boolean,
  response: ServerResponse,
  table: boolean,
): void {
  const write = (event: { type: string; object: unknown }) => {
    if (response.writableEnded || env.partitioned()) return;
    const object =
      table && event.type !== 'ERROR'
        ? toTable(
            [event.object as KubeObject],
            target.type,
            env.now(),
            undefined,
            query.get('includeObject'),
          )
        : event.object;
    response.write(JSON.stringify({ type: event.type, object }) + '\n');
  };
  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
  });
  response.flushHeaders();
  let stop = () => {};
  try {
    stop = env.api.watch(
      target.type,
      target.namespace,
      query.get('resourceVersion') ?? undefined,
      matches,
      write,
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // kube-apiserver reports a compacted version inside the stream, as an ERROR event.
    write({ type: 'ERROR', object: error.toStatus() });
    response.end();
    return;
  }
  let cancelTimeout = () => {};
  const end = () => {
    stop();
    cancelTimeout();
    if (!response.writableEnded) response.end();
  };
  const timeout = Number(query.get('timeoutSeconds') ?? '0');
  if (timeout > 0) cancelTimeout = env.scheduleTimeout(end, timeout * 1000);
  response.on('close', end);
  env.trackWatch(response, end);
}

function checkListVersion(requested: string | null, current: string): void {
  if (requested === null || requested === '' || requested === '0') return;
  const wanted = Number(requested);
  if (!Number.isInteger(wanted)) throw badRequest(`resourceVersion: Invalid value: "${requested}"`);
  if (wanted > Number(current))
    throw new ApiError(
      504,
      'Timeout',
      `Too large resource version: ${wanted}, current: ${current}`,
      {
        retryAfterSeconds: 1,
      },
    );
}

function selectorsOf(query: URLSearchParams): (object: KubeObject) => boolean {
  const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
  const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined);
  return (object) => labels(object) && fields(object);
}

function deleteOptionsOf(body: unknown, query: URLSearchParams): DeleteOptions {
  const options = (body ?? {}) as DeleteOptions;
  const policy = query.get('propagationPolicy') ?? options.propagationPolicy;
  return {
    ...options,
    ...(policy ? { propagationPolicy: policy as DeleteOptions['propagationPolicy'] } : {}),
  };
}

/** kube-apiserver names an unnamed manager after the client's User-Agent, up to the first `/`. */
function managerFromUserAgent(userAgent: string | undefined, user: string): string {
  const prefix = userAgent?.split('/')[0]?.trim();
  return prefix ? prefix.slice(0, 128) : user;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const text = await readText(request);
  if (text.trim() === '') throw badRequest('the request requires a body');
  return decode(request, text);
}

async function readOptionalBody(request: IncomingMessage): Promise<unknown> {
  const text = await readText(request);
  return text.trim() === '' ? undefined : decode(request, text);
}

function decode(request: IncomingMessage, text: string): unknown {
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.includes('protobuf') || contentType.includes('cbor'))
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the Kubernetes API double reads JSON and YAML bodies, not ${contentType}`,
    );
  const yaml = contentType.includes('yaml');
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `the request body is not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
