import { snapshotItem } from '../storage';
import { parseSnapshot, type Snapshot } from '../snapshot';

type Listener = (snapshot: Snapshot) => void | Promise<void>;

/**
 * The one writer of the snapshot. Updates are serialised so that a refresh and a purchase
 * finishing together cannot overwrite each other's changes; listeners (badge, tabs) run
 * after each write. A change that returns the snapshot it was given writes nothing.
 */
export function createSnapshotStore() {
  let queue: Promise<unknown> = Promise.resolve();
  const listeners: Listener[] = [];

  async function read(): Promise<Snapshot> {
    return parseSnapshot(await snapshotItem.getValue());
  }

  function update(change: (current: Snapshot) => Snapshot): Promise<Snapshot> {
    const next = queue.then(async () => {
      const current = await read();
      const updated = change(current);
      if (updated === current) return current; // nothing changed: no write, no listeners
      await snapshotItem.setValue(updated);
      await Promise.allSettled(listeners.map(async (listener) => listener(updated)));
      return updated;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    read,
    update,
    onWrite(listener: Listener) {
      listeners.push(listener);
    },
  };
}

export type SnapshotStore = ReturnType<typeof createSnapshotStore>;
