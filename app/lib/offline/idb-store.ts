// One IndexedDB object store, opened for each piece of work and closed after it. Shared by the
// offline stores of the pages and of the service worker, so it uses nothing but IndexedDB.

export type InStore = <T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | void,
) => Promise<T | undefined>;

/** A runner for transactions on `storeName` of database `dbName` (version 1, created on first open). */
export function idbStore(dbName: string, storeName: string, options: IDBObjectStoreParameters): InStore {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName, options);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB open failed"));
    });
  return async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void) => {
    const db = await open();
    try {
      return await new Promise<T | undefined>((resolve, reject) => {
        const transaction = db.transaction(storeName, mode);
        const request = work(transaction.objectStore(storeName));
        transaction.oncomplete = () => resolve(request ? request.result : undefined);
        transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB transaction failed"));
        transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction failed"));
      });
    } finally {
      db.close();
    }
  };
}
