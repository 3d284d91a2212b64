import type { MemberClient } from './member-client';

/** Items per page of a list: big clusters answer in pages, each under the client's size cap. */
const PAGE = 500;

/**
 * Every item of a collection (`/api/v1/nodes`), following `metadata.continue` page by page as
 * kubectl does, so one huge reply never has to fit the client's size cap.
 * @public
 */
export async function listAll<T>(
  client: MemberClient,
  path: string,
  query: Readonly<Record<string, string>> = {},
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, limit: String(PAGE) });
    if (token) params.set('continue', token);
    const page = await client.json<{ items?: T[]; metadata?: { continue?: string } }>({
      path: `${path}?${params.toString()}`,
    });
    items.push(...(page.items ?? []));
    token = page.metadata?.continue || undefined;
  } while (token);
  return items;
}
