import type { PluginRegistration } from '@lifeboat/core';
import { costAwareRegistration } from './cost-aware';
import { frozenRegistration } from './frozen';

export { CostAware, costAwareArgs, costAwareRegistration } from './cost-aware';
export { Frozen, REASON_FROZEN, frozenRegistration } from './frozen';

/**
 * Every plugin of this package: what a scenario's `spec.plugins` or the controller's
 * `--config` `plugins` load from a module, and what `registerAll(container, SCHEDULER_PLUGINS, ...)`
 * takes from code.
 */
export const plugins: readonly PluginRegistration[] = [frozenRegistration, costAwareRegistration];
