#!/usr/bin/env node
// Fails when a published package's source changed without a changeset, in two ways:
// 1. `changeset status` since the last release (the last commit that wrote a CHANGELOG.md, else
//    the first commit): every package changed since then has a pending changeset.
// 2. Since this check was introduced, every commit that changed a published package's source
//    (anything under packages/NAME/ but tests and docs) is in the history of a commit (itself or
//    a later one) that adds or edits a changeset naming that package. A commit that changes a package
//    invisibly says so with a trailer line `Changeset: none (reason)` and is not counted; a
//    change that went in without one is mended by any later commit that adds the changeset.
// Merge commits are skipped: the commits they bring are checked one by one.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

function published() {
  const names = new Map();
  for (const dir of fs.readdirSync(path.join(root, 'packages'))) {
    const file = path.join(root, 'packages', dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!pkg.private) names.set(dir, pkg.name);
  }
  return names;
}

function isSource(file) {
  return !/\.test\.ts$/.test(file) && !/\.md$/.test(file) && !file.includes('/__fixtures__/');
}

function releaseBase() {
  const release = git('log', '-1', '--format=%H', '--', 'packages/*/CHANGELOG.md');
  return release || git('rev-list', '--max-parents=0', 'HEAD').split('\n')[0];
}

function changesetNames(commit, file) {
  let text;
  try {
    text = git('show', `${commit}:${file}`);
  } catch {
    return []; // deleted by this commit (consumed or folded into another)
  }
  const front = /^---\n([\s\S]*?)\n---/.exec(text);
  if (!front) return [];
  return [...front[1].matchAll(/['"]?(@lifeboat\/[a-z-]+)['"]?\s*:/g)].map((m) => m[1]);
}

function checkCommits(packages) {
  const introduced = git('log', '--format=%H', '--diff-filter=A', '--', 'tools/check-changesets.js')
    .split('\n')
    .pop();
  if (!introduced) return [];
  const commits = git('rev-list', '--no-merges', `${introduced}^..HEAD`)
    .split('\n')
    .filter(Boolean);
  const changes = new Map(); // package -> [{ commit, subject }]
  const changesets = new Map(); // package -> [commit]
  for (const commit of commits) {
    const message = git('log', '-1', '--format=%B', commit);
    const files = git('diff-tree', '--no-commit-id', '--name-only', '-r', commit)
      .split('\n')
      .filter(Boolean);
    for (const name of files
      .filter((f) => /^\.changeset\/[^/]+\.md$/.test(f) && !f.endsWith('README.md'))
      .flatMap((f) => changesetNames(commit, f)))
      changesets.set(name, [...(changesets.get(name) ?? []), commit]);
    if (/^Changeset: none\b/m.test(message)) continue;
    const touched = new Set();
    for (const file of files) {
      const match = /^packages\/([^/]+)\/(.+)$/.exec(file);
      if (match && packages.has(match[1]) && isSource(match[2]))
        touched.add(packages.get(match[1]));
    }
    for (const name of touched)
      changes.set(name, [
        ...(changes.get(name) ?? []),
        { commit, subject: message.split('\n')[0] },
      ]);
  }
  // A change is covered by a changeset commit that has it in its history (itself included), so a
  // changeset on a parallel branch does not cover it, and a later one mends a forgotten one.
  const history = new Map();
  const ancestorsOf = (commit) => {
    if (!history.has(commit)) history.set(commit, new Set(git('rev-list', commit).split('\n')));
    return history.get(commit);
  };
  const problems = [];
  for (const [name, list] of changes) {
    const covering = changesets.get(name) ?? [];
    for (const change of list) {
      if (covering.some((commit) => ancestorsOf(commit).has(change.commit))) continue;
      problems.push(
        `${change.commit.slice(0, 10)} "${change.subject.slice(0, 80)}" changes ${name}, and no later changeset names it`,
      );
    }
  }
  return problems;
}

function main() {
  const base = releaseBase();
  try {
    execFileSync('npx', ['changeset', 'status', `--since=${base}`], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
    process.stderr.write(`changesets: packages changed since ${base.slice(0, 10)} lack one\n`);
    return 1;
  }
  const problems = checkCommits(published());
  for (const problem of problems) process.stderr.write(`changesets: ${problem}\n`);
  if (problems.length > 0) {
    process.stderr.write(
      'changesets: add one with `npx changeset` (or edit an existing one naming the package), or ' +
        'end the commit message with `Changeset: none (why)` when the change is invisible to users\n',
    );
    return 1;
  }
  process.stdout.write('changesets: every package change since the last release has one\n');
  return 0;
}

process.exitCode = main();
