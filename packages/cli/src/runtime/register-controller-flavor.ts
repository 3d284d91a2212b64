import { register, resolve, type Clock } from '@lifeboat/core';
import {
  CLUSTERNET_OPTIONS,
  HttpPredictorTransport,
  PREDICTOR_TRANSPORT,
  PredictorClient,
  registerClusternet,
  type ClusternetOptionsInput,
} from '@lifeboat/clusternet';
import {
  CLUSTER_PROBER,
  HttpClusterProber,
  registerKarmada,
  type KarmadaOptionsInput,
} from '@lifeboat/karmada';
import { registerSchedulerExtensions } from '@lifeboat/simulator';
import { instancePerContainerCachingFactory, type DependencyContainer } from 'tsyringe';
import type { ControllerConfig, ControllerFlavor } from './controller-config';

/** How the controller reaches `https://` members: their CA, and the clock the predictor client times out on. */
export interface MemberTls {
  readonly ca: Buffer;
  readonly clock: Clock;
}

/**
 * Registers the flavour as a user would (its options from the config, Karmada's HTTP prober
 * with the config's timeout), then the config's scheduler plugins and profile changes after it,
 * as a scenario's `spec.plugins` and `spec.schedulerProfile` are. With `memberTls`, only what
 * reaches the members is replaced: the probe and the predictor client verify `https://` members
 * against its CA.
 */
export function registerControllerFlavor(
  child: DependencyContainer,
  flavor: ControllerFlavor,
  config: Pick<ControllerConfig, 'flavorInput' | 'probeTimeoutMs' | 'extensions'>,
  memberTls?: MemberTls,
): void {
  const tls = memberTls ? { ca: memberTls.ca } : undefined;
  if (flavor === 'karmada') {
    registerKarmada(child, config.flavorInput as KarmadaOptionsInput);
    register(child, CLUSTER_PROBER, {
      useValue: new HttpClusterProber({
        timeoutMs: config.probeTimeoutMs,
        ...(tls ? { credentialsFor: () => tls } : {}),
      }),
    });
  } else {
    registerClusternet(child, config.flavorInput as ClusternetOptionsInput);
    if (memberTls && tls)
      register(child, PREDICTOR_TRANSPORT, {
        useFactory: instancePerContainerCachingFactory(
          (c) =>
            new HttpPredictorTransport(
              new PredictorClient(memberTls.clock, {
                timeoutMs: resolve(c, CLUSTERNET_OPTIONS).settings.predictorTimeout,
                tls,
              }),
            ),
        ),
      });
  }
  registerSchedulerExtensions(child, config.extensions);
}
