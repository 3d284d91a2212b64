import { ValidationError, type FieldIssue } from '@lifeboat/core';
import type { Scenario } from '../scenario/scenario-schema';

/** Which clusters a what-if fails: by name, by region, or both. @public */
export interface WhatIfQuestion {
  /** Cluster names. */
  readonly clusters?: readonly string[];
  /** Regions: every cluster whose `region` is one of these fails. */
  readonly regions?: readonly string[];
}

/**
 * How bad input is reported: the paths of the names (the CLI's flags; default `clusters`,
 * `regions`) and what holds the fleet (a file name; default `the fleet`).
 * @public
 */
export interface WhatIfQuestionPaths {
  readonly clusters: string;
  readonly regions: string;
  readonly fleet?: string;
}

const LISTED = 12;

function known(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown}, … (${names.length} in all)` : shown;
}

/**
 * The clusters of `scenario` that `question` fails, sorted. Throws core's `ValidationError`
 * naming every unknown cluster or region (and the names the fleet has), or saying that the
 * question fails nothing.
 * @public
 */
export function failedClusters(
  scenario: Scenario,
  question: WhatIfQuestion,
  paths: WhatIfQuestionPaths = { clusters: 'clusters', regions: 'regions' },
): string[] {
  const fleet = paths.fleet ?? 'the fleet';
  const clusters = scenario.spec.clusters;
  const names = clusters.map((c) => c.name);
  const regions = [...new Set(clusters.flatMap((c) => (c.region ? [c.region] : [])))].sort();
  const issues: FieldIssue[] = [];
  const failed = new Set<string>();
  for (const name of question.clusters ?? []) {
    if (names.includes(name)) failed.add(name);
    else
      issues.push({
        path: paths.clusters,
        message: `unknown cluster "${name}"; ${fleet} has ${known(names)}`,
      });
  }
  for (const region of question.regions ?? []) {
    if (regions.includes(region)) {
      for (const c of clusters) if (c.region === region) failed.add(c.name);
    } else
      issues.push({
        path: paths.regions,
        message:
          regions.length > 0
            ? `unknown region "${region}"; ${fleet} has ${known(regions)}`
            : `unknown region "${region}"; no cluster of ${fleet} has a region`,
      });
  }
  if (issues.length === 0 && failed.size === 0)
    issues.push({
      path: paths.clusters,
      message: `name at least one cluster (${paths.clusters}) or region (${paths.regions}) to fail`,
    });
  if (issues.length > 0) throw new ValidationError(issues);
  return [...failed].sort();
}
