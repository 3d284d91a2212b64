import { parseWith } from '@lifeboat/core';
import { z } from 'zod';

/** What the operator says about where a member is; anything left out is read from its nodes. @public */
export interface MemberLocation {
  readonly region?: string;
  readonly zones?: readonly string[];
  readonly provider?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** One entry of a members file, before its kubeconfig is read. @public */
export interface MemberEntry extends MemberLocation {
  /** The Cluster's name in Lifeboat. */
  readonly name: string;
  /** Path of the member's kubeconfig, relative to the members file. */
  readonly kubeconfig: string;
  /** The kubeconfig context to use; default its `current-context`. */
  readonly context?: string;
}

/** A DNS-1123 label, as Cluster names are. */
const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const entrySchema = z
  .object({
    name: z.string().regex(NAME, 'must be a DNS-1123 label (lower case, digits, "-")'),
    kubeconfig: z.string().min(1, 'must name a kubeconfig file'),
    context: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    zones: z.array(z.string().min(1)).optional(),
    provider: z.string().min(1).optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const fileSchema = z
  .object({
    apiVersion: z.literal('lifeboat.dev/v1alpha1'),
    kind: z.literal('Members'),
    members: z.array(entrySchema).min(1, 'must list at least one member'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.members.forEach((member, i) => {
      if (seen.has(member.name))
        ctx.addIssue({
          code: 'custom',
          path: ['members', i, 'name'],
          message: `duplicate member "${member.name}"`,
        });
      seen.add(member.name);
    });
  });

/**
 * Validates a members file document:
 *
 * ```yaml
 * apiVersion: lifeboat.dev/v1alpha1
 * kind: Members
 * members:
 *   - name: member1
 *     kubeconfig: member1.kubeconfig   # relative to this file
 *     context: member1                 # default: the kubeconfig's current-context
 *     region: eu-west-1                # default: the nodes' topology.kubernetes.io/region
 *     zones: [eu-west-1a]              # default: the nodes' topology.kubernetes.io/zone
 *     provider: aws
 *     labels: {env: prod}
 * ```
 *
 * Every problem is reported at once with its field path (`members[1].name: ...`).
 * @public
 */
export function parseMembersFile(document: unknown): readonly MemberEntry[] {
  return parseWith(fileSchema, document).members;
}

/** Whether `name` can name a member (a DNS-1123 label). @public */
export function isMemberName(name: string): boolean {
  return NAME.test(name);
}
