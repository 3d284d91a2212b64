#!/usr/bin/env node
// Renders the API reference (Markdown, one page per package, entry point and declaration) into
// api-reference/ (gitignored) from the doc models the packages' `api` targets write to
// packages/*/.api-extractor/model. Run through `npm run docs:api`, which builds those first.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const output = path.join(root, 'api-reference');
const input = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-api-model-'));
try {
  let models = 0;
  const renamed = new Map();
  for (const dir of fs.readdirSync(path.join(root, 'packages'))) {
    const modelDir = path.join(root, 'packages', dir, '.api-extractor', 'model');
    if (!fs.existsSync(modelDir)) continue;
    for (const file of fs.readdirSync(modelDir).filter((f) => f.endsWith('.api.json'))) {
      const model = JSON.parse(fs.readFileSync(path.join(modelDir, file), 'utf8'));
      // Every entry point's model carries the package's name, and API Documenter needs one valid
      // package name per model: a subpath's (core-testing) is renamed for the run and its pages
      // given back the import path below.
      const subpath = file.replace(/\.api\.json$/, '').slice(dir.length + 1);
      if (subpath) {
        renamed.set(`${model.name}-${subpath}`, `${model.name}/${subpath.replace(/-/g, '/')}`);
        model.name = `${model.name}-${subpath}`;
      }
      fs.writeFileSync(path.join(input, file), JSON.stringify(model));
      models += 1;
    }
  }
  if (models === 0)
    throw new Error(
      'no doc models under packages/*/.api-extractor/model: run the api targets first',
    );
  fs.rmSync(output, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      path.join(
        path.dirname(require.resolve('@microsoft/api-documenter')),
        '..',
        'bin',
        'api-documenter',
      ),
      'markdown',
      '--input-folder',
      input,
      '--output-folder',
      output,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (const file of fs.readdirSync(output).filter((f) => f.endsWith('.md'))) {
    let text = fs.readFileSync(path.join(output, file), 'utf8');
    for (const [from, to] of renamed) {
      const heading = `## ${from.replace(/^@lifeboat\//, '')} package`;
      text = text.split(heading).join(`## ${to} entry point`).split(from).join(to);
    }
    fs.writeFileSync(path.join(output, file), text);
  }
  console.log(
    `API reference of ${models} entry points in ${path.relative(process.cwd(), output)}/index.md`,
  );
} finally {
  fs.rmSync(input, { recursive: true, force: true });
}
