import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { KubeConfig } from '@kubernetes/client-node';
import { ValidationError, type FieldIssue } from '@lifeboat/core';
import { parseDocument, type YAMLError } from 'yaml';
import type { MemberEntry, MemberLocation } from './members-file';
import { Redactor } from './redactor';

/**
 * A kubeconfig checked for use: reduced to the chosen context (so client-node applies exactly
 * that cluster's TLS and that user's credentials: CA, client certificate and key, bearer token
 * or token file, basic auth, exec plugin), with the API server's URL and a redactor for its
 * secrets.
 * @public
 */
export interface CheckedKubeconfig {
  readonly context: string;
  /** Where the kubeconfig came from, for messages. */
  readonly source: string;
  /** The API server's base URL (`clusters[].cluster.server`). */
  readonly server: URL;
  readonly kubeConfig: KubeConfig;
  readonly redactor: Redactor;
}

/**
 * One member cluster, ready to be reached: its checked kubeconfig and what the operator
 * declared about its location.
 * @public
 */
export interface MemberCluster extends CheckedKubeconfig {
  readonly name: string;
  readonly location: MemberLocation;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Path-valued fields of a kubeconfig, resolved against its directory as kubectl does. */
const CLUSTER_FILES = ['certificate-authority'] as const;
const USER_FILES = ['client-certificate', 'client-key', 'token-file'] as const;

/**
 * Reads one member's kubeconfig text (from `source`, for relative paths and messages) and checks
 * what a request will need, so a bad kubeconfig fails at start with the member and the field
 * named (`member "m1": kubeconfig m1.yaml: users[admin].client-key: ...`), never at the first
 * probe. Nothing secret enters a message: YAML errors give only their position, and every other
 * message passes through the member's {@link Redactor}.
 * @public
 */
export function memberFromKubeconfig(
  entry: MemberEntry,
  text: string,
  source: string,
  path: string,
): MemberCluster {
  const checked = checkKubeconfig(text, source, path, {
    who: `member "${entry.name}"`,
    context: entry.context,
    contextHint: 'name a context in the members file',
  });
  return { name: entry.name, ...checked, location: locationOf(entry) };
}

/**
 * Reads the hub cluster's kubeconfig as {@link memberFromKubeconfig} reads a member's, with the
 * same checks and redaction; problems are reported at `path` (the flag, e.g. `--kubeconfig`) as
 * `the hub: kubeconfig FILE: field: ...`. `context` overrides the kubeconfig's current-context.
 * @public
 */
export function hubFromKubeconfig(
  text: string,
  source: string,
  path: string,
  context?: string,
): CheckedKubeconfig {
  return checkKubeconfig(text, source, path, {
    who: 'the hub',
    context,
    contextHint: 'name one with --context',
  });
}

interface Subject {
  /** Who the kubeconfig is for, at the start of every message. */
  readonly who: string;
  readonly context: string | undefined;
  /** What to do when no context is chosen. */
  readonly contextHint: string;
}

function checkKubeconfig(
  text: string,
  source: string,
  path: string,
  subject: Subject,
): CheckedKubeconfig {
  const fail = (field: string, message: string): ValidationError =>
    ValidationError.at(path, `${subject.who}: kubeconfig ${source}: ${field}${message}`);
  const parsed = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const yamlError = yamlErrorAt(text, parsed.errors);
  if (yamlError) throw fail('', `not valid YAML (${yamlError})`);
  const raw: unknown = parsed.toJS();
  if (!isObject(raw)) throw fail('', 'must be a mapping (apiVersion: v1, kind: Config)');
  const base = dirname(resolve(source));
  const redactor = new Redactor(secretsOf(raw));
  const clean = (message: string): string => redactor.redact(message);

  const contextName = subject.context ?? stringAt(raw, 'current-context');
  if (!contextName)
    throw fail(
      subject.context ? 'context' : 'current-context',
      `: not set; ${subject.contextHint}`,
    );
  const contexts = namedList(raw, 'contexts');
  const context = contexts.get(contextName);
  if (!context)
    throw fail(
      subject.context ? 'contexts' : 'current-context',
      `: no context "${contextName}" (contexts: ${[...contexts.keys()].join(', ') || 'none'})`,
    );
  const clusterName = stringAt(context, 'cluster');
  const userName = stringAt(context, 'user');
  if (!clusterName) throw fail(`contexts[${contextName}].context.cluster`, ': missing');
  const cluster = namedList(raw, 'clusters').get(clusterName);
  if (!cluster)
    throw fail(`contexts[${contextName}].context.cluster`, `: no cluster "${clusterName}"`);
  const user = userName ? namedList(raw, 'users').get(userName) : {};
  if (!user) throw fail(`contexts[${contextName}].context.user`, `: no user "${userName}"`);

  const serverText = stringAt(cluster, 'server');
  const serverField = `clusters[${clusterName}].cluster.server`;
  if (!serverText) throw fail(serverField, ': missing');
  let server: URL;
  try {
    server = new URL(serverText);
  } catch {
    throw fail(serverField, `: not a URL ("${clean(serverText)}")`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:')
    throw fail(serverField, `: must be an https:// URL, not ${server.protocol}`);

  const issues: FieldIssue[] = [];
  const problem = (field: string, message: string): void => {
    issues.push({
      path,
      message: `${subject.who}: kubeconfig ${source}: ${field}: ${clean(message)}`,
    });
  };
  for (const field of CLUSTER_FILES) resolveFile(cluster, field, base);
  for (const field of USER_FILES) resolveFile(user, field, base);
  resolveExecCommand(user, base);
  const userField = `users[${userName ?? ''}].user`;
  const pem = {
    ca: pemAt(cluster, 'certificate-authority', `clusters[${clusterName}].cluster`, problem),
    cert: pemAt(user, 'client-certificate', userField, problem),
    key: pemAt(user, 'client-key', userField, problem),
  };
  // Reading the key file's content makes it a secret too.
  if (pem.key) redactor.add(pem.key);
  const given = (field: string): boolean =>
    stringAt(user, field) !== undefined || stringAt(user, `${field}-data`) !== undefined;
  if (given('client-certificate') && !given('client-key'))
    problem(`${userField}.client-key`, 'missing (a client certificate needs its key)');
  if (given('client-key') && !given('client-certificate'))
    problem(`${userField}.client-certificate`, 'missing (a client key needs its certificate)');
  if (issues.length === 0) checkTls(pem, clusterName, userField, problem);
  const tokenFile = stringAt(user, 'token-file');
  if (tokenFile) {
    try {
      redactor.add(readFileSync(tokenFile, 'utf8'));
    } catch (error) {
      problem(`${userField}.token-file`, `cannot be read (${codeOf(error)})`);
    }
  }
  const exec = user['exec'];
  if (
    exec !== undefined &&
    !(isObject(exec) && typeof exec['command'] === 'string' && exec['command'])
  )
    problem(`${userField}.exec.command`, 'missing');
  if (issues.length > 0) throw new ValidationError(issues);

  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromString(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: clusterName, cluster }],
        users: [{ name: userName ?? 'anonymous', user }],
        contexts: [
          { name: contextName, context: { cluster: clusterName, user: userName ?? 'anonymous' } },
        ],
        'current-context': contextName,
      }),
    );
  } catch (error) {
    throw fail('', clean(error instanceof Error ? error.message : String(error)));
  }
  return { context: contextName, source, server, kubeConfig, redactor };
}

function locationOf(entry: MemberEntry): MemberLocation {
  return {
    ...(entry.region ? { region: entry.region } : {}),
    ...(entry.zones ? { zones: entry.zones } : {}),
    ...(entry.provider ? { provider: entry.provider } : {}),
    ...(entry.labels ? { labels: entry.labels } : {}),
  };
}

/** Every value of the document that must never be shown: tokens, passwords, keys, exec env, auth-provider config. */
function secretsOf(raw: Loose): string[] {
  const secrets: string[] = [];
  for (const user of namedList(raw, 'users').values()) {
    for (const field of ['token', 'password', 'client-key-data']) {
      const value = stringAt(user, field);
      if (value) secrets.push(value);
    }
    const keyData = stringAt(user, 'client-key-data');
    if (keyData) secrets.push(Buffer.from(keyData, 'base64').toString('utf8'));
    const exec = user['exec'];
    if (isObject(exec) && Array.isArray(exec['env']))
      for (const variable of exec['env'])
        if (isObject(variable)) secrets.push(String(variable['value'] ?? ''));
    const provider = user['auth-provider'];
    if (isObject(provider) && isObject(provider['config']))
      for (const value of Object.values(provider['config']))
        if (typeof value === 'string') secrets.push(value);
  }
  return secrets;
}

function namedList(raw: Loose, key: 'clusters' | 'users' | 'contexts'): Map<string, Loose> {
  const inner = key === 'clusters' ? 'cluster' : key === 'users' ? 'user' : 'context';
  const out = new Map<string, Loose>();
  const list = raw[key];
  if (!Array.isArray(list)) return out;
  for (const item of list)
    if (isObject(item) && typeof item['name'] === 'string')
      out.set(item['name'], isObject(item[inner]) ? { ...(item[inner] as Loose) } : {});
  return out;
}

function stringAt(object: Loose, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function resolveFile(object: Loose, field: string, base: string): void {
  const value = stringAt(object, field);
  if (value && !isAbsolute(value)) object[field] = resolve(base, value);
}

/** kubectl runs a relative exec command that contains a path separator from the kubeconfig's directory. */
function resolveExecCommand(user: Loose, base: string): void {
  const exec = user['exec'];
  if (!isObject(exec)) return;
  const command = exec['command'];
  if (typeof command === 'string' && command.includes('/') && !isAbsolute(command))
    user['exec'] = { ...exec, command: resolve(base, command) };
}

/** The PEM text of `<field>` (a file) or `<field>-data` (base64); problems are reported, not thrown. */
function pemAt(
  object: Loose,
  field: string,
  at: string,
  problem: (field: string, message: string) => void,
): string | undefined {
  const file = stringAt(object, field);
  if (file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      problem(`${at}.${field}`, `${file} cannot be read (${codeOf(error)})`);
      return undefined;
    }
  }
  const data = stringAt(object, `${field}-data`);
  if (!data) return undefined;
  const text = Buffer.from(data, 'base64').toString('utf8');
  if (!text.includes('-----BEGIN')) {
    problem(`${at}.${field}-data`, 'not base64 of a PEM block');
    return undefined;
  }
  return text;
}

/** Lets OpenSSL parse the CA, certificate and key now; its messages name no key material. */
function checkTls(
  pem: { ca?: string; cert?: string; key?: string },
  clusterName: string,
  userField: string,
  problem: (field: string, message: string) => void,
): void {
  const tryContext = (options: Parameters<typeof createSecureContext>[0], field: string): void => {
    try {
      createSecureContext(options);
    } catch (error) {
      problem(field, `not usable (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  if (pem.ca) tryContext({ ca: pem.ca }, `clusters[${clusterName}].cluster.certificate-authority`);
  if (pem.cert && pem.key)
    tryContext({ cert: pem.cert, key: pem.key }, `${userField}.client-certificate/client-key`);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * The first YAML error as `CODE at line L, column C`, worked out from its offset: the library's
 * own message quotes the text around the error, which may be a token.
 * @public
 */
export function yamlErrorAt(text: string, errors: readonly YAMLError[]): string | undefined {
  const first = errors[0];
  if (!first) return undefined;
  const before = text.slice(0, first.pos[0]).split('\n');
  const line = before.length;
  const col = (before[before.length - 1]?.length ?? 0) + 1;
  return `${first.code} at line ${line}, column ${col}`;
}
