import { KubeConfig } from '@kubernetes/client-node';
import { describeStateStoreConformance } from '@lifeboat/core/testing';
import { KubernetesApiDouble } from '../testing/kubernetes-api-double';
import { lifeboatCrds } from './crds';
import { KubernetesStateStore } from './kubernetes-state-store';

describeStateStoreConformance('KubernetesStateStore (on the Kubernetes API double)', async () => {
  const double = await KubernetesApiDouble.start();
  for (const crd of lifeboatCrds()) double.create(crd);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(double.kubeconfig());
  const store = new KubernetesStateStore({ kubeConfig, watchRetryMs: 50 });
  return {
    store,
    forgetHistory: async () => double.compact(),
    close: () => double.stop(),
  };
});
