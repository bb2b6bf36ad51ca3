// The browser's DPoP key pair in IndexedDB: one per profile and origin,
// shared by every tab. IndexedDB stores a CryptoKey as the browser's own
// structured clone, so a non-extractable private key stays non-extractable
// and its bytes are never in reach of the page's scripts.

const DATABASE = "taskgate-dpop";
const STORE = "keys";
const CURRENT = "current";

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DATABASE, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return done(request);
}

function isKeyPair(value: unknown): value is CryptoKeyPair {
  return (
    typeof value === "object" &&
    value !== null &&
    "privateKey" in value &&
    value.privateKey instanceof CryptoKey &&
    "publicKey" in value &&
    value.publicKey instanceof CryptoKey
  );
}

async function read(db: IDBDatabase): Promise<CryptoKeyPair | null> {
  const stored: unknown = await done(db.transaction(STORE).objectStore(STORE).get(CURRENT));
  return isKeyPair(stored) ? stored : null;
}

/**
 * The stored key pair, or `create()`'s, stored first. Two tabs creating one
 * at once both end up with the pair that was stored first: `add` fails for
 * the second, which then reads the first's.
 */
export async function loadOrCreateKeyPair(
  create: () => Promise<CryptoKeyPair>,
): Promise<CryptoKeyPair> {
  const db = await open();
  try {
    const existing = await read(db);
    if (existing) return existing;
    const created = await create();
    const transaction = db.transaction(STORE, "readwrite");
    transaction.objectStore(STORE).add(created, CURRENT);
    const stored = await committed(transaction).then(
      () => true,
      () => false,
    );
    if (stored) return created;
    const winner = await read(db);
    if (!winner) throw new Error("The DPoP key could not be stored");
    return winner;
  } finally {
    db.close();
  }
}

/** Deletes the stored key pair (sign-out, account deletion, a session ended elsewhere). */
export async function deleteKeyPair(): Promise<void> {
  const db = await open();
  try {
    const transaction = db.transaction(STORE, "readwrite");
    transaction.objectStore(STORE).delete(CURRENT);
    await committed(transaction);
  } finally {
    db.close();
  }
}
