import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { excerpt, parseWith, type Clock } from '@lifeboat/core';
import {
  CLUSTER_ID_HEADER,
  DEFAULT_ACCEPTABLE_REPLICAS_KEY,
  PREDICT_PATH,
  predictorResultsSchema,
  type ReplicaRequirements,
} from './protocol';

/** Why a prediction failed. @public */
export type PredictorFailure = 'Timeout' | 'HttpStatus' | 'BadResponse' | 'Network';

/** A prediction that did not produce a number; `failure` says which way. @public */
export class PredictorError extends Error {
  override readonly name = 'PredictorError';

  constructor(
    readonly failure: PredictorFailure,
    message: string,
    readonly statusCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Settings of {@link PredictorClient}. @public */
export interface PredictorClientSettings {
  /** Whole-request deadline (Clusternet: 20s). */
  readonly timeoutMs: number;
  /**
   * Largest answer read, in bytes (default 1 MiB; a real answer is a few hundred bytes). A
   * longer one is cut off and fails as `BadResponse`, so a broken or hostile agent cannot
   * exhaust the scheduler's memory.
   */
  readonly maxResponseBytes?: number;
  /**
   * For `https://` predictor addresses: the CA bundle that signed the agents' serving
   * certificates (default: Node's trusted CAs) and, for mutual TLS, a client certificate and
   * key. PEM strings or buffers.
   */
  readonly tls?: {
    readonly ca?: string | Buffer;
    readonly cert?: string | Buffer;
    readonly key?: string | Buffer;
  };
}

/** Default of {@link PredictorClientSettings.maxResponseBytes}. @public */
export const DEFAULT_PREDICTOR_RESPONSE_BYTES = 1024 * 1024;

/**
 * The scheduler side of the predictor protocol: `POST <address>/replicas/predict` with the
 * replica requirements, answering the `default` replica count. The deadline runs on the
 * injected clock and aborts the request when it passes. Unlike Clusternet, TLS certificates are
 * verified (Clusternet skips verification).
 * @public
 */
export class PredictorClient {
  constructor(
    private readonly clock: Clock,
    private readonly settings: PredictorClientSettings,
  ) {}

  /**
   * How many replicas the cluster behind `address` (`http://host:port`) can accept.
   * @throws PredictorError on timeout, a non-200 answer, a malformed answer or a network error.
   */
  predict(address: string, requirements: ReplicaRequirements, clusterId?: string): Promise<number> {
    const url = new URL(PREDICT_PATH, address);
    const body = JSON.stringify(requirements);
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const tls = secure ? (this.settings.tls ?? {}) : {};
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        fn();
      };
      const req = send(url, {
        ...tls,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(clusterId === undefined ? {} : { [CLUSTER_ID_HEADER]: clusterId }),
        },
      });
      const timer = this.clock.setTimeout(() => {
        finish(() =>
          reject(
            new PredictorError(
              'Timeout',
              `predictor at ${address} did not answer within ${this.settings.timeoutMs}ms`,
            ),
          ),
        );
        req.destroy();
      }, this.settings.timeoutMs);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        const limit = this.settings.maxResponseBytes ?? DEFAULT_PREDICTOR_RESPONSE_BYTES;
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received <= limit) {
            chunks.push(chunk);
            return;
          }
          finish(() =>
            reject(
              new PredictorError(
                'BadResponse',
                `predictor at ${address} answered more than ${limit} bytes`,
                res.statusCode,
              ),
            ),
          );
          req.destroy();
        });
        res.on('error', (error) =>
          finish(() =>
            reject(new PredictorError('Network', error.message, undefined, { cause: error })),
          ),
        );
        res.on('end', () =>
          finish(() => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) {
              reject(
                new PredictorError(
                  'HttpStatus',
                  `predictor at ${address} answered ${res.statusCode}: ${excerpt(text)}`,
                  res.statusCode,
                ),
              );
              return;
            }
            try {
              const replicas = parseWith(predictorResultsSchema, JSON.parse(text)).replicas[
                DEFAULT_ACCEPTABLE_REPLICAS_KEY
              ];
              if (replicas === undefined)
                throw new Error(`no "${DEFAULT_ACCEPTABLE_REPLICAS_KEY}" key in the answer`);
              resolve(replicas);
            } catch (error) {
              reject(
                new PredictorError(
                  'BadResponse',
                  `predictor at ${address} answered badly: ${(error as Error).message}`,
                  200,
                  { cause: error },
                ),
              );
            }
          }),
        );
      });
      req.on('error', (error) =>
        finish(() =>
          reject(new PredictorError('Network', error.message, undefined, { cause: error })),
        ),
      );
      req.end(body);
    });
  }
}
