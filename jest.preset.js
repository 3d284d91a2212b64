// Shared jest settings: swc compiles TypeScript (with decorator metadata for tsyringe) and
// sibling packages resolve to their sources, so tests never need a build.
const path = require('node:path');

const root = __dirname;

/** @param {string} packageDir absolute path of the package using the preset */
module.exports = function preset(packageDir) {
  const name = path.basename(packageDir);
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/tools/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j)s$': [
        '@swc/jest',
        {
          jsc: {
            target: 'es2022',
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    transformIgnorePatterns: [
      '/node_modules/(?!(@kubernetes/client-node|openid-client|oauth4webapi|jose)/)',
    ],
    moduleNameMapper: {
      // Subpath exports (`@lifeboat/core/testing`, `@lifeboat/karmada/simulation`) are folders.
      '^@lifeboat/([a-z-]+)/([a-z-]+)$': path.join(root, 'packages/$1/src/$2/index.ts'),
      '^@lifeboat/([a-z-]+)$': path.join(root, 'packages/$1/src/index.ts'),
    },
    reporters: ['default', [path.join(root, 'tools/jest/count-reporter.js'), { name }]],
  };
};
