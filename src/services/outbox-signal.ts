// A nudge inside one process: a service that has just committed urgent jobs (an emergency's
// alert emails) wakes the worker of its own process rather than leaving them for its next
// round, up to a second later. Other instances find the jobs on their own next round; the
// outbox in the database stays the only record, so a missed nudge delays and loses nothing.

type Listener = () => void;
const listeners = new Set<Listener>();

/** Wakes this process's workers; call only after the jobs' transaction has committed. */
export function signalOutbox(): void {
  for (const listener of listeners) listener();
}

/** Subscribes a worker to nudges; returns the unsubscribe. */
export function onOutboxSignal(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
