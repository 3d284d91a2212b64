import { get } from 'node:http';

/** Unary requests etcd answered, by method (from its Prometheus `grpc_server_handled_total`). */
export interface RoundTrips {
  readonly range: number;
  readonly txn: number;
  readonly put: number;
  readonly deleteRange: number;
  readonly total: number;
}

const METHODS = { Range: 'range', Txn: 'txn', Put: 'put', DeleteRange: 'deleteRange' } as const;

/** What etcd has answered so far; `since(earlier)` is the difference. */
export async function etcdRoundTrips(
  endpoint: string,
): Promise<RoundTrips & { since(earlier: RoundTrips): RoundTrips }> {
  const text = await new Promise<string>((resolve, reject) => {
    get(`${endpoint}/metrics`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
  const counts = { range: 0, txn: 0, put: 0, deleteRange: 0 };
  for (const line of text.split('\n')) {
    if (!line.startsWith('grpc_server_handled_total{')) continue;
    const method = /grpc_method="(\w+)"/.exec(line)?.[1] as keyof typeof METHODS | undefined;
    const field = method && METHODS[method];
    if (field) counts[field] += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  const total = counts.range + counts.txn + counts.put + counts.deleteRange;
  return {
    ...counts,
    total,
    since(earlier) {
      return {
        range: counts.range - earlier.range,
        txn: counts.txn - earlier.txn,
        put: counts.put - earlier.put,
        deleteRange: counts.deleteRange - earlier.deleteRange,
        total: total - earlier.total,
      };
    },
  };
}
