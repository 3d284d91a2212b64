#!/usr/bin/env node
// Makes sure the programs the tests start for real are on this machine before `npm test` runs
// anything: etcd (the etcd StateStore, leader election and the process tests), Chromium (the
// report page in a real browser) and kubectl (the fidelity checks of the Kubernetes API double).
// Present: used. Missing and we are root with apt-get: installed from Debian, saying so. Missing
// and we cannot install: one line naming what is missing and the command that installs it, and
// a non-zero exit before any test starts.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');

/** What the tests need: the binary they run and the Debian packages that provide it, in order. */
const NEEDS = [
  { name: 'etcd', binary: '/usr/bin/etcd', packages: [['etcd-server', 'etcd-client']] },
  // etcdctl runs the operations guide's user and role commands; openssl makes test certificates.
  { name: 'etcdctl', binary: '/usr/bin/etcdctl', packages: [['etcd-client']] },
  { name: 'openssl', binary: '/usr/bin/openssl', packages: [['openssl']] },
  { name: 'chromium', binary: '/usr/bin/chromium', packages: [['chromium']] },
  // The machine image's kubectl comes from the Google Cloud CLI packages; Debian's older
  // kubernetes-client is the fallback where that package is not in the apt sources.
  { name: 'kubectl', binary: '/usr/bin/kubectl', packages: [['kubectl'], ['kubernetes-client']] },
];

function present(need) {
  return fs.existsSync(need.binary);
}

function say(line) {
  process.stdout.write(`provision: ${line}\n`);
}

function canInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function installCommand(missing) {
  return `sudo apt-get update && sudo apt-get install -y ${missing.map((n) => n.packages[0].join(' ')).join(' ')}`;
}

function aptInstall(packages) {
  const run = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
    {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
  // apt-get's chatter (debconf notices) is only worth showing when the install failed.
  if (run.status !== 0) process.stderr.write(run.stderr);
  return run.status === 0;
}

function main() {
  if (process.env.LIFEBOAT_SKIP_PROVISION === '1') return 0;
  const missing = NEEDS.filter((need) => !present(need));
  if (missing.length === 0) return 0;
  const names = missing.map((n) => n.name).join(', ');
  if (!canInstall()) {
    process.stderr.write(
      `provision: the tests need ${names}, which ${missing.length === 1 ? 'is' : 'are'} missing; install with: ${installCommand(missing)}\n`,
    );
    return 1;
  }
  say(`${names} missing; installing from Debian with apt-get (once per machine)`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const need of missing) {
    const installed = need.packages.some((choice) => aptInstall(choice) && present(need));
    if (!installed) {
      process.stderr.write(
        `provision: could not install ${need.name} with apt-get; install it by hand with: ${installCommand([need])}\n`,
      );
      return 1;
    }
    say(`installed ${need.name} (${need.binary})`);
  }
  return 0;
}

process.exitCode = main();
