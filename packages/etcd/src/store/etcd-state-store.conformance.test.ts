import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../client/connect-etcd';
import { EtcdServer } from '../testing/etcd-server';
import { describeStateStoreConformance } from '@lifeboat/core/testing';
import { EtcdStateStore } from './etcd-state-store';

let server: EtcdServer;
let client: Etcd3;
let testNumber = 0;

beforeAll(async () => {
  server = await EtcdServer.start();
  client = await connectEtcd(server.endpoint);
});

afterAll(async () => {
  client?.close();
  await server?.dispose();
});

describeStateStoreConformance('EtcdStateStore', async () => {
  // A fresh prefix per test keeps tests apart on one etcd.
  const store = await EtcdStateStore.connect({ client, prefix: `/conformance-${++testNumber}/` });
  return {
    store,
    forgetHistory: () => store.compact(),
    async close() {},
  };
});
