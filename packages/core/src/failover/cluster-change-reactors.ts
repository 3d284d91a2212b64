import type { Informer } from '../controller/informer';
import type { Binding } from '../model/binding';
import { objectKey } from '../model/meta';
import { SchedulingController } from './scheduling-controller';

/**
 * The bindings a cluster change re-schedules ({@link SchedulingController.reactsToClusterChange}:
 * unschedulable or `Duplicated` ones), kept current from the binding informer, so that a cluster
 * event costs what those bindings cost instead of a scan of every binding.
 * @internal
 */
export class ClusterChangeReactors {
  /** Each cached binding's place in the informer's order (the order `list()` returns). */
  private readonly order = new Map<string, number>();
  private readonly reacting = new Set<string>();
  private next = 0;

  constructor(bindings: Informer<'Binding'>) {
    bindings.addHandler({
      onAdd: (b) => {
        const key = objectKey(b.metadata);
        this.order.set(key, this.next++);
        this.set(key, b);
      },
      onUpdate: (b) => this.set(objectKey(b.metadata), b),
      onDelete: (b) => {
        const key = objectKey(b.metadata);
        this.order.delete(key);
        this.reacting.delete(key);
      },
    });
  }

  /** Keys of the bindings to re-schedule, in the informer's order. */
  keys(): string[] {
    const order = this.order;
    return [...this.reacting].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  }

  private set(key: string, binding: Binding): void {
    if (SchedulingController.reactsToClusterChange(binding)) this.reacting.add(key);
    else this.reacting.delete(key);
  }
}
