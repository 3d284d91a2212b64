import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationError, parseWith } from '@lifeboat/core';
import type { ClusternetMetrics } from '../metrics';
import { computeAcceptableReplicas, type PredictorNode } from './compute-replicas';
import {
  DEFAULT_ACCEPTABLE_REPLICAS_KEY,
  PREDICT_PATH,
  UNSCHEDULED_PATH,
  replicaRequirementsSchema,
  type PredictorResults,
} from './protocol';

/** Request bodies larger than this are refused (413): a requirement is a few hundred bytes. @public */
export const MAX_PREDICT_BODY_BYTES = 1 << 20;

/** A plain node `http` request listener. @public */
export type PredictorRequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The agent side of the predictor protocol as a plain node `http` listener, to pass to
 * `http.createServer`. `POST /replicas/predict` answers `{"replicas": {"default": N}}` computed
 * from the nodes `listNodes` returns at that moment; a bad body is 400, no feasible node or a
 * failing `listNodes` is 500 (as Clusternet), `/replicas/unscheduled` is 501, anything else 404.
 * @public
 */
export function createPredictorHandler(
  listNodes: () => readonly PredictorNode[] | Promise<readonly PredictorNode[]>,
  metrics?: Pick<ClusternetMetrics, 'predictorAttempts'>,
): PredictorRequestListener {
  return (request, response) => {
    void handle(request, response, listNodes).then((result) => {
      if (result !== undefined) metrics?.predictorAttempts.inc({ result });
    });
  };
}

/** Serves one request; resolves with the attempt's result label when it was a prediction. */
async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  listNodes: () => readonly PredictorNode[] | Promise<readonly PredictorNode[]>,
): Promise<'success' | 'error' | undefined> {
  const path = (request.url ?? '').split('?')[0];
  if (path === UNSCHEDULED_PATH) return reply(response, 501, { error: 'Not Implemented' });
  if (path !== PREDICT_PATH) return reply(response, 404, { error: `no route ${path}` });
  if (request.method !== 'POST') return reply(response, 405, { error: 'use POST' });
  let body: string;
  try {
    body = await readBody(request);
  } catch (error) {
    reply(response, 413, { error: (error as Error).message });
    return 'error';
  }
  try {
    const requirements = parseWith(replicaRequirementsSchema, JSON.parse(body));
    const replicas = computeAcceptableReplicas(await listNodes(), requirements);
    const result: PredictorResults = { replicas: { [DEFAULT_ACCEPTABLE_REPLICAS_KEY]: replicas } };
    reply(response, 200, result);
    return 'success';
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof ValidationError)
      reply(response, 400, { error: error.message });
    else reply(response, 500, { error: error instanceof Error ? error.message : String(error) });
    return 'error';
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PREDICT_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_PREDICT_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): undefined {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
  return undefined;
}
