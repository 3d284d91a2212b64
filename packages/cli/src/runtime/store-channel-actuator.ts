import { desiredReplicasPerCluster, objectKey, type Actuator, type Binding } from '@lifeboat/core';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

/**
 * The controller side of actuation when the store is the channel: a binding's spec in etcd *is*
 * the instruction, and each member's agent watches bindings and runs what
 * `desiredReplicasPerCluster` gives its cluster, then reports health into
 * `status.aggregatedStatus`. So the controller does not push anything; this actuator only
 * records what was published (a debug log line and `lifeboat_actuations_total`). Pushing from
 * the controller would need it to reach every member, and a dark member could not be told
 * anyway: it converges from the store when it is back.
 */
export class StoreChannelActuator implements Actuator {
  private readonly actuations: Counter<'operation'>;

  constructor(
    private readonly logger: Logger,
    registry: Registry,
  ) {
    this.actuations = new Counter({
      name: 'lifeboat_actuations_total',
      help: 'Placements published to the member agents through the store, by operation (apply, remove).',
      labelNames: ['operation'],
      registers: [registry],
    });
  }

  async apply(binding: Binding): Promise<void> {
    this.actuations.inc({ operation: 'apply' });
    this.logger.debug(
      {
        binding: objectKey(binding.metadata),
        desired: Object.fromEntries(desiredReplicasPerCluster(binding)),
      },
      'placement published',
    );
  }

  async remove(bindingKey: string): Promise<void> {
    this.actuations.inc({ operation: 'remove' });
    this.logger.debug({ binding: bindingKey }, 'binding removed; agents stop its replicas');
  }
}
