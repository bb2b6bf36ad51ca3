import type { DpopKey } from "@taskgate/api-client/dpop";
import { generateDpopKeyPair, webCryptoDpopKey } from "@taskgate/api-client/webcrypto-dpop-key";
import { deleteKeyPair, loadOrCreateKeyPair } from "./key-store";

// This tab's key, loaded (or made) once and shared by every token request.
let current: Promise<DpopKey | null> | undefined;

/** Whether this browser can keep a non-extractable key across reloads. */
function supported(): boolean {
  return (
    typeof indexedDB !== "undefined" &&
    typeof crypto !== "undefined" &&
    typeof crypto.subtle !== "undefined" &&
    typeof CryptoKey !== "undefined"
  );
}

/**
 * The browser's DPoP key, or null where WebCrypto or IndexedDB is missing
 * or refuses (some private modes): the api client then asks for an unbound
 * token and sends it as Bearer (decision 044).
 */
export function loadDpopKey(): Promise<DpopKey | null> {
  current ??= supported()
    ? loadOrCreateKeyPair(generateDpopKeyPair)
        .then(webCryptoDpopKey)
        .catch(() => null)
    : Promise.resolve(null);
  return current;
}

/**
 * Deletes the key from the browser, so the next session gets a new one and
 * tokens of the ended one cannot be proven again. The page is leaving with
 * the session: it makes no key again (a request still in flight would
 * otherwise store a new one after the deletion); the next page load starts
 * afresh. A key being made right now is stored first, then deleted.
 */
export async function forgetDpopKey(): Promise<void> {
  const pending = current;
  current = Promise.resolve(null);
  if (!supported()) return;
  await pending?.catch(() => null);
  await deleteKeyPair().catch(() => undefined);
}
