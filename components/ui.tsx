import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** Small building blocks shared by the popup and the options page. */

/** The Deskflow Credits mark (drawn by CSS: components/ui.css `.logo`). */
export function Logo({ size = 24 }: { size?: number }) {
  return <span className="logo" style={{ width: size, height: size }} aria-hidden="true" />;
}

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

/**
 * A button whose action takes a while: while `busy` it shows progress and ignores presses,
 * keeping keyboard focus (aria-disabled, not disabled). A submit button leaves the press to its
 * form (which checks the same state).
 */
export function BusyButton({
  busy,
  type = 'button',
  className = 'button button--secondary',
  onPress,
  children,
}: {
  busy: boolean;
  type?: 'button' | 'submit';
  className?: string;
  onPress?: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type={type}
      className={className}
      aria-busy={busy || undefined}
      aria-disabled={busy || undefined}
      onClick={
        onPress
          ? () => {
              if (!busy) onPress();
            }
          : undefined
      }
    >
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
}

/** An inline message next to the control it is about; errors are announced at once. */
export function InlineMessage({ tone, children }: { tone: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <p className={`inline-message inline-message--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

export function RefreshIcon() {
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3.2h-3.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * A plain-DOM view inside React (the popup's header and balance card, components/popup/):
 * `draw` fills the element after every render, before the browser paints. React owns the element,
 * `draw` its attributes and children. The drawing is made aside first and applied only when it
 * differs, so a re-render that changes nothing there (a refresh with the same plan, a clock tick)
 * leaves the elements alone: focus on a header link survives it.
 */
export function useDrawn<E extends HTMLElement, P>(draw: (element: E, props: P) => void, props: P): RefObject<E | null> {
  const ref = useRef<E>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const drawing = element.cloneNode(false) as E;
    draw(drawing, props);
    if (drawing.isEqualNode(element)) return;
    for (const name of element.getAttributeNames()) if (!drawing.hasAttribute(name)) element.removeAttribute(name);
    for (const name of drawing.getAttributeNames()) element.setAttribute(name, drawing.getAttribute(name)!);
    element.replaceChildren(...drawing.childNodes);
  });
  return ref;
}

/** The current time, re-read every `intervalMs` so ages and "retrying at" stay true. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * A region that scrolls must be reachable from the keyboard: when its content is taller than
 * the popup (600 px at most) it joins the Tab order, so arrow keys and Page Down scroll it even
 * where it holds nothing focusable (a member's popup). A ref callback that sets the attribute
 * itself: measuring never costs the popup a render.
 */
export function keyboardScrollable(element: HTMLElement | null): (() => void) | undefined {
  if (!element) return undefined;
  const update = () => {
    if (element.scrollHeight > element.clientHeight + 1) element.setAttribute('tabindex', '0');
    else element.removeAttribute('tabindex');
  };
  update();
  if (typeof ResizeObserver === 'undefined') return undefined;
  // The region itself (the window) and its content (cards appearing, growing) may change.
  const resizes = new ResizeObserver(update);
  const observeAll = () => {
    resizes.observe(element);
    for (const child of element.children) resizes.observe(child);
  };
  observeAll();
  const mutations = new MutationObserver(() => {
    observeAll();
    update();
  });
  mutations.observe(element, { childList: true });
  return () => {
    resizes.disconnect();
    mutations.disconnect();
  };
}
