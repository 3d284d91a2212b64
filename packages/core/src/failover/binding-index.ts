import type { Informer } from '../controller/informer';
import type { Binding } from '../model/binding';
import { objectKey } from '../model/meta';

/** Which bindings target or are leaving each cluster, kept current from the binding informer. @public */
export class BindingsByCluster {
  private readonly index = new Map<string, Set<string>>();
  private readonly byBinding = new Map<string, readonly string[]>();

  constructor(bindings: Informer<'Binding'>) {
    bindings.addHandler({
      onAdd: (b) => this.set(b),
      onUpdate: (b) => this.set(b),
      onDelete: (b) => this.set(b, true),
    });
  }

  /** Keys of bindings that target `cluster` or have an eviction task from it. */
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
    const clusters = [
      ...(binding.spec.clusters ?? []).map((c) => c.name),
      ...(binding.spec.evictionTasks ?? []).map((t) => t.fromCluster),
    ];
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
