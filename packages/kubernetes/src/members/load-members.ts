import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ValidationError, type FieldIssue } from '@lifeboat/core';
import { parseDocument } from 'yaml';
import { memberFromKubeconfig, yamlErrorAt, type MemberCluster } from './member-kubeconfig';
import { isMemberName, parseMembersFile, type MemberEntry } from './members-file';

/** File names a directory of kubeconfigs may hold (others, and dot files, are skipped). */
const KUBECONFIG_EXTENSIONS = new Set(['', '.yaml', '.yml', '.kubeconfig', '.conf']);

/**
 * The member clusters named by `path`: a members file (`kind: Members`, see
 * {@link parseMembersFile}) or a directory of kubeconfigs, one member per file, named after the
 * file (`member1.kubeconfig` is `member1`) and using its current context. Every problem of every
 * member is reported at once (a {@link @lifeboat/core#ValidationError}, field paths under `field`, e.g. the
 * flag that named the path); nothing secret is in any message.
 * @public
 */
export async function loadMembers(path: string, field = ''): Promise<readonly MemberCluster[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw ValidationError.at(
      field,
      `${path}: ${code === 'ENOENT' ? 'no such file or directory' : 'cannot be read'}`,
    );
  }
  const entries = isDirectory
    ? await directoryEntries(path, field)
    : await fileEntries(path, field);
  const members: MemberCluster[] = [];
  const issues: FieldIssue[] = [];
  for (const { entry, source, at } of entries) {
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      issues.push({
        path: `${at}.kubeconfig`,
        message: `member "${entry.name}": ${source}: ${code === 'ENOENT' ? 'no such file' : 'cannot be read'}`,
      });
      continue;
    }
    try {
      members.push(memberFromKubeconfig(entry, text, source, at));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return members;
}

interface Located {
  readonly entry: MemberEntry;
  /** The kubeconfig's absolute path. */
  readonly source: string;
  /** Field path of the entry, for messages. */
  readonly at: string;
}

async function fileEntries(path: string, field: string): Promise<Located[]> {
  const text = await readFile(path, 'utf8');
  const document = parseDocument(text, { prettyErrors: false });
  const yamlError = yamlErrorAt(text, document.errors);
  if (yamlError) throw ValidationError.at(field, `${path}: not valid YAML (${yamlError})`);
  const raw: unknown = document.toJS();
  if (typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'Config')
    throw ValidationError.at(
      field,
      `${path} is a kubeconfig; pass a members file (kind: Members) or a directory of kubeconfigs`,
    );
  let entries: readonly MemberEntry[];
  try {
    entries = parseMembersFile(raw);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => ({ ...issue, path: prefixed(field, issue.path) })),
    );
  }
  const base = dirname(resolve(path));
  return entries.map((entry, i) => ({
    entry,
    source: resolve(base, entry.kubeconfig),
    at: prefixed(field, `members[${i}]`),
  }));
}

async function directoryEntries(path: string, field: string): Promise<Located[]> {
  const names = (await readdir(path, { withFileTypes: true }))
    .filter(
      (d) => d.isFile() && !d.name.startsWith('.') && KUBECONFIG_EXTENSIONS.has(extname(d.name)),
    )
    .map((d) => d.name)
    .sort();
  const issues: FieldIssue[] = [];
  const located: Located[] = [];
  for (const file of names) {
    const name = basename(file, extname(file));
    const source = resolve(join(path, file));
    if (!isMemberName(name)) {
      issues.push({
        path: prefixed(field, file),
        message: `"${name}" cannot name a member: a file's name without extension must be a DNS-1123 label`,
      });
      continue;
    }
    located.push({ entry: { name, kubeconfig: source }, source, at: prefixed(field, file) });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (located.length === 0)
    throw ValidationError.at(
      field,
      `${path}: no kubeconfig files (*.yaml, *.yml, *.kubeconfig, *.conf)`,
    );
  return located;
}

function prefixed(field: string, path: string): string {
  return field ? (path ? `${field} ${path}` : field) : path;
}
