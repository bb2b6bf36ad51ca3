import type { QueryClient } from "@tanstack/react-query";
import { forgetCredentials } from "@/lib/api-token";
import { browserDraftStorage, clearAllDrafts } from "@/lib/draft-storage";

/**
 * Nothing of an ended session may outlive it in the tab (B4): the in-memory
 * api token and the DPoP key (B26), requests in flight, cached data, and unsent drafts. For sign-out
 * and account deletion, before the full navigation that follows.
 */
export async function forgetSessionInTab(queryClient: QueryClient): Promise<void> {
  await forgetCredentials();
  await queryClient.cancelQueries();
  queryClient.clear();
  clearAllDrafts(browserDraftStorage());
}
