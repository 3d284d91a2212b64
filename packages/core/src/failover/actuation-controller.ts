import type { Actuator } from '../contracts/actuator';
import type { Informer } from '../controller/informer';
import type { Reconciler } from '../controller/controller';

/** Hands every binding whose spec changed to the {@link Actuator}; tells it when one is deleted. @public */
export class ActuationController implements Reconciler {
  constructor(
    private readonly bindings: Informer<'Binding'>,
    private readonly actuator: Actuator,
  ) {}

  async reconcile(key: string): Promise<void> {
    const binding = this.bindings.get(key);
    if (binding) await this.actuator.apply(binding);
    else await this.actuator.remove(key);
  }
}
