// A score plugin for `lifeboat simulate` (see cost-aware.yaml): prefers clusters whose `cost`
// label is lower. A plugin module exports `plugins`, an array of registrations
// ({ name, factory }); the scenario's `spec.schedulerProfile` enables them.
'use strict';

/** @typedef {import('@lifeboat/core').PluginRegistration} PluginRegistration */
/** @typedef {import('@lifeboat/core').ScorePlugin} ScorePlugin */

/** @param {unknown} args */
function parseArgs(args) {
  const { label = 'cost', maxCost = 10 } = /** @type {{ label?: unknown, maxCost?: unknown }} */ (
    args ?? {}
  );
  if (typeof label !== 'string' || label === '') throw new TypeError('label must be a string');
  if (typeof maxCost !== 'number' || maxCost <= 0) throw new TypeError('maxCost must be > 0');
  return { label, maxCost };
}

/** @type {PluginRegistration[]} */
exports.plugins = [
  {
    name: 'CostAware',
    factory: (args) => {
      const { label, maxCost } = parseArgs(args);
      /** @type {ScorePlugin} */
      const plugin = {
        name: 'CostAware',
        // Scores must lie in 0..100: cost 0 scores 100, maxCost (or more, or no label) scores 0.
        score: (_state, _binding, cluster) => {
          const cost = Number(cluster.metadata.labels?.[label] ?? maxCost);
          return Math.round(100 * (1 - Math.min(Math.max(cost, 0), maxCost) / maxCost));
        },
        // The score reads only the cluster, so bindings may share it.
        equivalenceKey: () => label,
      };
      return plugin;
    },
  },
];
