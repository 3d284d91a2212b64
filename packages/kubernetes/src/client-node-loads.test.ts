import { CoreV1Api, CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';

// client-node 1.x is an ES module; this package is CommonJS. The jest preset compiles it to
// CommonJS and tsc emits require(esm); if either breaks, every other test here fails obscurely.
describe('@kubernetes/client-node under this package', () => {
  it('builds API clients and a watch from a kubeconfig given as an object', () => {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'hub', server: 'https://127.0.0.1:6443', skipTLSVerify: false }],
      users: [{ name: 'lifeboat', token: 'not-a-real-token' }],
      contexts: [{ name: 'hub', cluster: 'hub', user: 'lifeboat' }],
      currentContext: 'hub',
    });
    expect(config.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
    expect(config.makeApiClient(CoreV1Api)).toBeInstanceOf(CoreV1Api);
    expect(config.makeApiClient(CustomObjectsApi)).toBeInstanceOf(CustomObjectsApi);
    expect(new Watch(config).config).toBe(config);
  });
});
