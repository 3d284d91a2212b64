/**
 * @lifeboat/simulator: run Lifeboat controllers against a virtual-time fleet described by a
 * scenario file, inject faults, and report what the controllers did.
 */
export type {
  AgentContext,
  ApiHealth,
  ConfiguredFlavor,
  FeedReference,
  FleetSignals,
  FlavorInput,
  FlavorWorkload,
  MemberAgent,
  MemberSignals,
  SimulationFlavor,
} from './flavor/simulation-flavor';
export { withScenarioPaths } from './flavor/with-scenario-paths';
export { quantitySchema, resourceListSchema } from './scenario/quantity-schema';
export {
  KNOWN_FLAVOR_NAMES,
  MAX_CLUSTERS,
  MAX_EVENTS,
  MAX_REPLICAS,
  MAX_SCENARIO_DURATION_MS,
  MAX_WORKLOADS,
  SCENARIO_API_VERSION,
  scenarioSchema,
  type Scenario,
  type ScenarioAction,
  type ScenarioCluster,
  type ScenarioEvent,
  type ScenarioInput,
  type ScenarioWorkload,
} from './scenario/scenario-schema';
export { crossReferenceIssues, workloadKey } from './scenario/cross-references';
export {
  parseScenario,
  readScenarioDocument,
  scenarioIssues,
  yamlErrorIssue,
} from './scenario/parse-scenario';
export {
  checkScenario,
  loadScenario,
  type LoadedScenario,
  type ScenarioLoadOptions,
} from './scenario/load-scenario';
export { workloadBinding } from './scenario/workload-binding';
export { FEEDS_GROUP_KEY, workloadShapes, type WorkloadEntry } from './scenario/workload-shapes';
export { scenarioJsonSchema } from './scenario/json-schema';
export { VirtualFleet, type FleetWorkload, type ReplicaCounts } from './fleet/virtual-fleet';
export { FaultInjector, type InjectedFault } from './fleet/fault-injector';
export { runScenario, type RunOptions } from './run/run-scenario';
export { SimulationError } from './run/simulation-error';
export { seededRandom } from './run/seeded-random';
export { ReportBuilder } from './report/report-builder';
export { renderReport, type RenderOptions } from './report/render-report';
export { summarizeRun, clusterChangedAfterStartup } from './report/run-summary';
export type {
  ClusterReport,
  ClustersSummary,
  Detection,
  DetectionSummary,
  EvictionSummary,
  FaultGroupSummary,
  Interval,
  PlacementMap,
  RunSummary,
  SimulationReport,
  TimelineEntry,
  TimelineType,
  WorkloadReport,
  WorkloadSample,
  WorkloadsSummary,
} from './report/simulation-report';
export { renderReportPage } from './report-page/render-report-page';
export { MAX_CHARTED_WORKLOADS, pageDataFromReport } from './report-page/page-data-from-report';
export type { Band, ClusterBands, ReportPageData, WorkloadCurves } from './report-page/page-data';
export { loadPluginModules } from './plugins/load-plugin-modules';
export {
  registerSchedulerExtensions,
  schedulerExtensionIssues,
  type ExtensionPaths,
  type SchedulerExtensions,
} from './plugins/scheduler-extensions';
export { DEFAULT_WHAT_IF_HORIZON_MS, runWhatIf, type WhatIfOptions } from './what-if/run-what-if';
export {
  failedClusters,
  type WhatIfQuestion,
  type WhatIfQuestionPaths,
} from './what-if/failed-clusters';
export { whatIfScenario } from './what-if/what-if-scenario';
export { answerFromReport } from './what-if/answer-from-report';
export { renderWhatIf } from './what-if/render-what-if';
export { fleetFromState, type StateFleetOptions } from './what-if/fleet-from-state';
export type {
  ResourceAmounts,
  WhatIfAnswer,
  WhatIfCluster,
  WhatIfWorkload,
} from './what-if/what-if-answer';
export { renderWhatIfPage } from './report-page/render-what-if-page';
