/**
 * The in-page UI attaches closed shadow roots, which no page script (and no test) can open.
 * Tests need what `chrome.dom.openOrClosedShadowRoot` gives an extension: test/setup.ts records
 * every root attached in the test document, and `shadowOf` reads it back.
 */
const roots = new WeakMap<Element, ShadowRoot>();

export function recordShadowRoots(): void {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  };
}

/** The shadow root of one of our hosts, open or closed (as an element, for testing-library's `within`). */
export function shadowOf(host: Element): HTMLElement {
  const root = roots.get(host);
  if (!root) throw new Error(`${host.localName} has no shadow root`);
  return root as unknown as HTMLElement;
}

/** A press by the user: the event says it is trusted, as only the browser's own input can. */
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

export function userClick(element: Element): void {
  element.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
}

export function userKey(element: Element, key: string, type: 'keydown' | 'keyup' = 'keydown'): void {
  element.dispatchEvent(trusted(new KeyboardEvent(type, { key, bubbles: true, cancelable: true, composed: true })));
}

/**
 * Animation frames stepped by hand: give `requestFrame` to the content script, then `runFrames`
 * (one frame) or `settle` (a few macrotasks, each followed by a frame: imports resolved,
 * answers in, the observer's frame run).
 */
export function manualFrames() {
  let queue: Array<() => void> = [];
  const runFrames = () => {
    for (const callback of queue.splice(0)) callback();
  };
  return {
    requestFrame: (callback: () => void) => void queue.push(callback),
    runFrames,
    /** Frames asked for and not run yet. */
    pending: () => queue.length,
    async settle() {
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        runFrames();
      }
    },
    reset() {
      queue = [];
    },
  };
}
