import { isConnected, shadowRootOf } from './dom';

/**
 * The guard in front of credit-spending bulk actions (product.md, "The guard's promise"). It is
 * installed when the document starts, before any page script, as capture listeners on the
 * window: the first listeners of the page, so an activation it holds reaches no page handler —
 * not one on `window` or `document` in the capture phase, not one registered "early". It
 * watches every way a bulk action is activated: a click (or `button.click()`), and Enter or
 * Space on the element itself (a `role="button"` that the page activates from its key events).
 *
 * A held action waits for the question's answer; Continue hands it to the page once, as the
 * user's own activation would have (the same events, in order, on the page's button of that
 * moment), with a one-shot pass for exactly those events. While an action is held every other
 * activation of a credit-spending bulk action is stopped, so nothing runs behind the dialog.
 */

/** A bulk action an activation landed on. */
export interface BulkActionHit {
  readonly list: Element;
  readonly action: string;
  readonly element: Element;
}

/** How the user activated it: a click, or a key on the element (its down, up, or both). */
export type Activation = { readonly kind: 'click' } | { readonly kind: 'key'; readonly key: string; readonly down: boolean };

export interface HeldAction extends BulkActionHit {
  readonly activation: Activation;
}

export interface GuardOptions {
  /** The window whose activations are guarded. */
  win: Window;
  /** Ends the guard (tests; in a page it lasts as long as the page). */
  signal?: AbortSignal;
  /** The bulk action `target` is (or is in), with its list; null for anything else. */
  actionAt: (target: Element) => BulkActionHit | null;
  /** Whether this action, with the list's selection of this moment, must be asked about. */
  mustAsk: (hit: BulkActionHit) => boolean;
  /** Ask about a held action; the answer comes back through `run` or `drop`. */
  ask: (held: HeldAction) => void;
  /** The page's button for an action now (the one pressed may have been re-rendered), or null. */
  currentButton: (list: Element, action: string) => Element | null;
}

export interface Guard {
  /** The action waiting for an answer, or null. */
  held(): HeldAction | null;
  /** Hand the held action to the page, once. False when it is not held (any more) or has no button. */
  run(held: HeldAction): boolean;
  /** Forget the held action: it does not run. */
  drop(held: HeldAction): void;
  /**
   * Hand an action the user confirmed in our own UI (carry on after buying: its Continue) to
   * the page, once, as a click on the page's button of this moment. False while another action
   * waits for its answer, or when the list has no such button now.
   */
  runConfirmed(hit: Pick<BulkActionHit, 'list' | 'action'>): boolean;
}

const ACTIVATION_KEYS = new Set(['Enter', ' ', 'Spacebar']);
const GUARDED_EVENTS = ['click', 'keydown', 'keyup'] as const;

// The isolated world's own methods: nothing the page does to its prototypes reaches them.
const click = HTMLElement.prototype.click;
const dispatch = EventTarget.prototype.dispatchEvent;

/**
 * The element an event really started on: inside the page's own open shadow roots too. A click
 * that started in an open shadow root reaches the window retargeted to its host, the only case
 * where the composed path (an array of every ancestor, built on each click of the page) says
 * more than the target; a closed root's inside is not in the path for our listener either.
 */
function originOf(event: Event): Element | null {
  const target = event.target;
  if (target instanceof Element && shadowRootOf(target) === null) return target;
  const inner = event.composedPath()[0];
  if (inner instanceof Element) return inner;
  if (target instanceof Element) return target;
  return target instanceof Node ? target.parentElement : null;
}

function activationOf(event: Event): Activation | null {
  if (event.type === 'click') return { kind: 'click' };
  if (!(event instanceof KeyboardEvent) || !ACTIVATION_KEYS.has(event.key) || event.isComposing) return null;
  return { kind: 'key', key: event.key, down: event.type === 'keydown' };
}

export function installGuard({ win, signal, actionAt, mustAsk, ask, currentButton }: GuardOptions): Guard {
  let held: HeldAction | null = null;
  /** The last key pressed down on a bulk action: only its release there is part of a press. */
  let keyDown: { element: Element | null; key: string } | null = null;
  /** Our own hand-over: these event types on this element go through, once each. */
  let passing: { element: Element; types: Set<string> } | null = null;

  function onActivation(event: Event): void {
    const activation = activationOf(event);
    if (!activation) return;
    const origin = originOf(event);
    const hit = origin ? actionAt(origin) : null;
    if (hit && passing && passing.element === hit.element && passing.types.delete(event.type)) return;
    if (activation.kind === 'key') {
      // Every press is followed, wherever it lands: a release belongs to the last press only.
      const pressedHere = hit !== null && keyDown?.element === hit.element && keyDown.key === activation.key;
      keyDown = activation.down ? { element: hit?.element ?? null, key: activation.key } : null;
      if (hit && !activation.down && !pressedHere) {
        // The release of a press that began elsewhere — Enter on our Continue, whose dialog gave
        // the focus back to this button — is no activation; the page saw no press either.
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
    }
    if (!hit) return;
    // While one action waits for its answer, nothing else of the kind gets past.
    if (held === null && !mustAsk(hit)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (held !== null) return;
    held = { ...hit, activation };
    ask(held);
  }

  for (const type of GUARDED_EVENTS) win.addEventListener(type, onActivation, { capture: true, signal });

  /** The events the user's activation would have sent, sent again to `element`. */
  function replay(element: HTMLElement, activation: Activation): void {
    if (activation.kind === 'click') {
      passing = { element, types: new Set(['click']) };
      click.call(element);
      return;
    }
    const { key } = activation;
    // A native button turns the key into a click by itself; a page's role="button" does it in
    // its own key handlers. The browser does neither for events we send: send what it would.
    const native = element instanceof HTMLButtonElement || (element instanceof HTMLInputElement && /^(button|submit|reset)$/.test(element.type));
    const types = new Set(activation.down ? ['keydown', 'keyup'] : ['keyup']);
    if (native) types.add('click');
    passing = { element, types };
    const init: KeyboardEventInit = { key, code: key === 'Enter' ? 'Enter' : 'Space', bubbles: true, cancelable: true, composed: true };
    if (activation.down) dispatch.call(element, new KeyboardEvent('keydown', init));
    dispatch.call(element, new KeyboardEvent('keyup', init));
    if (native) click.call(element);
  }

  return {
    held: () => held,
    run(action) {
      if (held !== action) return false;
      held = null;
      const element = isConnected(action.element) ? action.element : currentButton(action.list, action.action);
      if (!(element instanceof HTMLElement)) return false;
      try {
        replay(element, action.activation);
      } finally {
        passing = null;
      }
      return true;
    },
    drop(action) {
      if (held === action) held = null;
    },
    runConfirmed({ list, action }) {
      if (held !== null) return false;
      const element = currentButton(list, action);
      if (!(element instanceof HTMLElement)) return false;
      try {
        replay(element, { kind: 'click' });
      } finally {
        passing = null;
      }
      return true;
    },
  };
}
