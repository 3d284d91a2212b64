import { ValidationError, type FieldIssue } from '@lifeboat/core';

/**
 * Runs a flavour's own option parser and moves each problem's path to where the scenario file
 * holds it (`settings.clusterFailureThreshold` → `spec.settings.clusterFailureThreshold`).
 * `prefixes` maps the parser's leading path segment to the scenario's; other paths go under
 * `fallback`. For `SimulationFlavor.configure` implementations.
 * @public
 */
export function withScenarioPaths<T>(
  parse: () => T,
  prefixes: Readonly<Record<string, string>>,
  fallback: string,
): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues: FieldIssue[] = error.issues.map((issue) => {
      const [head = '', ...rest] = issue.path.split('.');
      const base = prefixes[head];
      if (base !== undefined) return { ...issue, path: [base, ...rest].filter(Boolean).join('.') };
      return { ...issue, path: issue.path ? `${fallback}.${issue.path}` : fallback };
    });
    throw new ValidationError(issues, { cause: error });
  }
}
