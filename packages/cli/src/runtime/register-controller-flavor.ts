import { register } from '@lifeboat/core';
import { registerClusternet, type ClusternetOptionsInput } from '@lifeboat/clusternet';
import {
  CLUSTER_PROBER,
  HttpClusterProber,
  registerKarmada,
  type KarmadaOptionsInput,
} from '@lifeboat/karmada';
import { registerSchedulerExtensions } from '@lifeboat/simulator';
import type { DependencyContainer } from 'tsyringe';
import type { ControllerConfig, ControllerFlavor } from './controller-config';

/**
 * Registers the flavour as a user would (its options from the config, Karmada's HTTP prober
 * with the config's timeout), then the config's scheduler plugins and profile changes after it,
 * as a scenario's `spec.plugins` and `spec.schedulerProfile` are.
 */
export function registerControllerFlavor(
  child: DependencyContainer,
  flavor: ControllerFlavor,
  config: Pick<ControllerConfig, 'flavorInput' | 'probeTimeoutMs' | 'extensions'>,
): void {
  if (flavor === 'karmada') {
    registerKarmada(child, config.flavorInput as KarmadaOptionsInput);
    register(child, CLUSTER_PROBER, {
      useValue: new HttpClusterProber({ timeoutMs: config.probeTimeoutMs }),
    });
  } else {
    registerClusternet(child, config.flavorInput as ClusternetOptionsInput);
  }
  registerSchedulerExtensions(child, config.extensions);
}
