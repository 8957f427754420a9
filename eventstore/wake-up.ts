/**
 * A level-triggered wake-up for subscription loops: a notify() that arrives while the loop is busy
 * is remembered, so the next wait() returns at once instead of sleeping through it.
 */
export interface WakeUp {
  notify(): void;
  /** Forget earlier notifications; call it before looking for work. */
  reset(): void;
  /** Resolves on the next notify(), or after `timeoutMs` when given. */
  wait(timeoutMs?: number): Promise<void>;
}

export function createWakeUp(): WakeUp {
  let pending = false;
  let wakeWaiter: (() => void) | undefined;
  return {
    notify() {
      pending = true;
      wakeWaiter?.();
    },
    reset() {
      pending = false;
    },
    wait(timeoutMs) {
      if (pending) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          wakeWaiter = undefined;
          resolve();
        }
        wakeWaiter = done;
      });
    },
  };
}
