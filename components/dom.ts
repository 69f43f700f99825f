/**
 * The few DOM helpers the plain-DOM views are built with: the in-page warning (components/warning/),
 * which lives in a content script on every Deskflow page and so carries no framework, and the
 * popup's header and balance card (components/popup/), which the popup paints before React has
 * loaded (npm run bench). Text goes in as text nodes and attributes as attributes: nothing is
 * ever parsed as HTML.
 */

type Attributes = Record<string, string | null>;

/** An element with attributes (null leaves one out) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  setAttributes(element, attributes);
  element.append(...children);
  return element;
}

/** Set (or, for null, remove) attributes; only what changed is written. */
export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null) {
      if (element.hasAttribute(name)) element.removeAttribute(name);
    } else if (element.getAttribute(name) !== value) {
      element.setAttribute(name, value);
    }
  }
}

/** Set an element's text, if it changed (so an unchanged update touches nothing). */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * Make `parent`'s children exactly `wanted`, in order, moving as little as possible: a child that
 * stays is never taken out, so it keeps focus and whatever the user was doing with it.
 */
export function syncChildren(parent: Element, wanted: readonly Node[]): void {
  wanted.forEach((child, index) => {
    const current = parent.childNodes[index];
    if (current !== child) parent.insertBefore(child, current ?? null);
  });
  while (parent.childNodes.length > wanted.length) parent.lastChild?.remove();
}

let lastId = 0;

/** An id for aria references, unique in the page. */
export function uniqueId(prefix: string): string {
  lastId += 1;
  return `deskflow-${prefix}-${lastId}`;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function svg(doc: Document, tag: string, attributes: Attributes, children: Element[] = []): SVGElement {
  const element = doc.createElementNS(SVG, tag) as SVGElement;
  setAttributes(element, attributes);
  element.append(...children);
  return element;
}
