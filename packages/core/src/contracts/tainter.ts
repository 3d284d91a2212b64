import type { Cluster } from '../model/cluster';
import type { Taint } from '../model/taint';
import { token } from './token';

/** Taints to add and to remove (matched by key and effect). @public */
export interface TaintChange {
  readonly add: readonly Taint[];
  readonly remove: readonly Pick<Taint, 'key' | 'effect'>[];
}

/**
 * Maps a cluster's conditions to the taints it should carry. Called by the taint controller on
 * every cluster change. Returning a taint already present is a no-op; the controller stamps
 * `timeAdded` on taints it adds and never touches taints the tainter does not mention (a manual
 * cordon stays).
 * @public
 */
export interface Tainter {
  reconcile(cluster: Cluster): TaintChange;
}

/** @public */
export const TAINTER = token<Tainter>('Tainter');
