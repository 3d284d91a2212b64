import { isAbsolute, join } from 'node:path';
import { zodIssues, type FieldIssue } from '@lifeboat/core';
import { z } from 'zod';
import type { EtcdFlags, EtcdSettingPaths } from './etcd-flags';

/**
 * The `etcd:` section of the controller's `--config`, the same settings as the etcd flags:
 *
 * ```yaml
 * etcd:
 *   endpoints: [https://etcd-1.example:2379, https://etcd-2.example:2379]  # or "a,b"
 *   timeout: 5s                 # --etcd-timeout
 *   ca: ca.crt                  # --etcd-ca; files relative to the config file
 *   cert: controller.crt        # --etcd-cert
 *   key: controller.key         # --etcd-key
 *   user: lifeboat-controller   # --etcd-user
 *   passwordFile: password      # --etcd-password-file
 * ```
 */
export interface EtcdConfigSection {
  /** The settings as flags would give them (file names resolved against the config file). */
  readonly flags: Omit<EtcdFlags, 'etcdTimeout'> & { readonly etcdTimeout?: string };
  /** Each setting's field path, for error messages. */
  readonly paths: EtcdSettingPaths;
}

const file = z.string().min(1, 'must name a file');
const section = z.strictObject({
  endpoints: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  timeout: z.union([z.string(), z.number()]).optional(),
  ca: file.optional(),
  cert: file.optional(),
  key: file.optional(),
  user: z.string().min(1).optional(),
  passwordFile: file.optional(),
});

const FIELDS = {
  endpoints: 'etcd',
  timeout: 'etcdTimeout',
  ca: 'etcdCa',
  cert: 'etcdCert',
  key: 'etcdKey',
  user: 'etcdUser',
  passwordFile: 'etcdPasswordFile',
} as const satisfies Record<keyof z.infer<typeof section>, keyof EtcdFlags>;

/** Checks the `etcd:` section (shape only; the values are checked as flags are, at their paths). */
export function parseEtcdSection(
  value: unknown,
  /** The config file's directory: relative file names are relative to it. */
  baseDir: string,
  issues: FieldIssue[],
): EtcdConfigSection | undefined {
  if (value === undefined || value === null) return undefined;
  const checked = section.safeParse(value);
  if (!checked.success) {
    issues.push(...zodIssues(checked.error, 'etcd'));
    return undefined;
  }
  const { endpoints, timeout, ca, cert, key, user, passwordFile } = checked.data;
  const path = (name: string) => (isAbsolute(name) ? name : join(baseDir, name));
  const flags: Record<string, string> = {};
  const set = (field: keyof typeof FIELDS, text: string | undefined): void => {
    if (text !== undefined) flags[FIELDS[field]] = text;
  };
  set('endpoints', Array.isArray(endpoints) ? endpoints.join(',') : endpoints);
  set('timeout', typeof timeout === 'number' ? String(timeout) : timeout);
  set('ca', ca === undefined ? undefined : path(ca));
  set('cert', cert === undefined ? undefined : path(cert));
  set('key', key === undefined ? undefined : path(key));
  set('user', user);
  set('passwordFile', passwordFile === undefined ? undefined : path(passwordFile));
  const paths: Record<string, string> = {};
  for (const [field, flag] of Object.entries(FIELDS)) paths[flag] = `etcd.${field}`;
  return { flags: flags as EtcdConfigSection['flags'], paths };
}

/**
 * The connection settings of a controller: each flag given on the command line wins over the
 * config file's `etcd:` field, which wins over the flag's default. `given(flag)` tells whether
 * the user gave a flag (commander's option value source). Returns the settings and, for each
 * one taken from the file, its field path.
 */
export function mergeEtcdSettings(
  flags: EtcdFlags,
  fromConfig: EtcdConfigSection | undefined,
  given: (flag: keyof EtcdFlags) => boolean,
): { flags: EtcdFlags; paths: EtcdSettingPaths } {
  if (!fromConfig) return { flags, paths: {} };
  const merged: Record<string, string | undefined> = { ...flags };
  const paths: Record<string, string> = {};
  // A setting not on the command line is the file's to give, so a problem with it (even its
  // absence) is named by its field.
  for (const [flag, at] of Object.entries(fromConfig.paths) as [keyof EtcdFlags, string][]) {
    if (given(flag)) continue;
    paths[flag] = at;
    const value = fromConfig.flags[flag];
    if (value !== undefined) merged[flag] = value;
  }
  return { flags: merged as unknown as EtcdFlags, paths };
}
