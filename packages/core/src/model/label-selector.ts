/** Kubernetes label selector operators. @public */
export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One requirement of a label selector. @public */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values?: readonly string[];
}

/** A Kubernetes `LabelSelector`: all of `matchLabels` and all `matchExpressions` must hold. @public */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** Whether `labels` satisfy one requirement. @public */
export function matchesRequirement(
  requirement: LabelSelectorRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return has && (requirement.values ?? []).includes(value as string);
    case 'NotIn':
      return !has || !(requirement.values ?? []).includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether `labels` satisfy the selector. An empty selector matches everything. @public */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> = {},
): boolean {
  // Runs per binding × cluster when nothing is shared: no allocation on this path.
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels) {
    for (const key in matchLabels) if (labels[key] !== matchLabels[key]) return false;
  }
  if (matchExpressions) {
    for (const requirement of matchExpressions)
      if (!matchesRequirement(requirement, labels)) return false;
  }
  return true;
}
