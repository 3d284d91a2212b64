import type { Informer } from '../controller/informer';
import type { Binding } from '../model/binding';
import { objectKey } from '../model/meta';

/** The clusters a binding targets or is leaving. */
function targetedOrLeaving(binding: Binding): string[] {
  return [
    ...(binding.spec.clusters ?? []).map((c) => c.name),
    ...(binding.spec.evictionTasks ?? []).map((t) => t.fromCluster),
  ];
}

/**
 * Which bindings concern each cluster (by default: target it or are leaving it), kept current
 * from the binding informer.
 * @public
 */
export class BindingsByCluster {
  private readonly index = new Map<string, Set<string>>();
  private readonly byBinding = new Map<string, readonly string[]>();

  constructor(
    bindings: Informer<'Binding'>,
    private readonly clustersOf: (binding: Binding) => readonly string[] = targetedOrLeaving,
  ) {
    bindings.addHandler({
      onAdd: (b) => this.set(b),
      onUpdate: (b) => this.set(b),
      onDelete: (b) => this.set(b, true),
    });
  }

  /** Keys of the bindings that concern `cluster`. */
  bindingsOn(cluster: string): readonly string[] {
    return [...(this.index.get(cluster) ?? [])];
  }

  private set(binding: Binding, deleted = false): void {
    const key = objectKey(binding.metadata);
    for (const cluster of this.byBinding.get(key) ?? []) this.index.get(cluster)?.delete(key);
    if (deleted) {
      this.byBinding.delete(key);
      return;
    }
    const clusters = this.clustersOf(binding);
    this.byBinding.set(key, clusters);
    for (const cluster of clusters) {
      let set = this.index.get(cluster);
      if (!set) {
        set = new Set();
        this.index.set(cluster, set);
      }
      set.add(key);
    }
  }
}
