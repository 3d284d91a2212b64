import {
  MemberApiError,
  MemberUnreachableError,
  type MemberClient,
} from '../members/member-client';
import { listAll } from '../members/list-all';
import {
  locationFromNodes,
  resourceSummary,
  type NodeObject,
  type PodObject,
  type ResourceSummary,
} from './resource-summary';

/**
 * What Lifeboat knows of a member's resources: its summary and where its nodes say it runs, or
 * `unknown` with the reason when the member could not be read. Unknown is not empty: a member
 * that does not answer has not run out of room, it is not seen.
 * @public
 */
export type MemberCapacity =
  | {
      readonly known: true;
      readonly summary: ResourceSummary;
      readonly location: ReturnType<typeof locationFromNodes>;
    }
  | { readonly known: false; readonly reason: string };

/** Reads a member's nodes and pods and sums them up (see {@link resourceSummary}). @public */
export async function readMemberCapacity(client: MemberClient): Promise<MemberCapacity> {
  try {
    const nodes = await listAll<NodeObject>(client, '/api/v1/nodes');
    // Field selectors on status.phase are not served everywhere; finished pods are skipped below.
    const pods = await listAll<PodObject>(client, '/api/v1/pods');
    return {
      known: true,
      summary: resourceSummary(nodes, pods),
      location: locationFromNodes(nodes),
    };
  } catch (error) {
    if (error instanceof MemberUnreachableError || error instanceof MemberApiError)
      return { known: false, reason: error.message };
    throw error;
  }
}
