// Prints the workspace's closing line, "N passed, N failed, N skipped", from the counts that
// tools/jest/count-reporter.js left in .test-results/. A check that failed outside jest (the
// test command's lint or build, the changeset check) is named on the command line and counts as
// one failure, so the closing line never reads "0 failed" for a red run. Exits non-zero when
// anything failed.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '.test-results');
const total = { passed: 0, failed: 0, skipped: 0 };
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const counts = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
// `--failed-check NAME` names a check outside jest that failed; a red test command whose jest
// counts show no failure failed before or after the tests (provisioning, build, lint, format).
const checks = process.argv.slice(2).filter((arg, i, all) => all[i - 1] === '--failed-check');
const extra = checks.filter((name) => name !== 'test' || total.failed === 0).length;
for (const name of checks) console.log(`failed check: ${name}`);
console.log(`${total.passed} passed, ${total.failed + extra} failed, ${total.skipped} skipped`);
process.exitCode = total.failed + extra > 0 || files.length === 0 ? 1 : 0;
