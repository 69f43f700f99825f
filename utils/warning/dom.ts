/**
 * DOM access that a hostile page cannot redirect. The DOM itself lets markup shadow built-in
 * members ("DOM clobbering"): `<img name="getElementById">` replaces `document.getElementById`
 * and `<input name="querySelectorAll">` replaces a form's `querySelectorAll`. Content scripts
 * share the DOM with the page, so every call on a page node goes through the prototypes here.
 */

type AnyFn = (...args: never[]) => unknown;

/** A member as the prototype chain defines it, skipping anything set on the instance. */
function fromProto<T extends object>(proto: T, name: string): PropertyDescriptor {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const descriptor = Object.getOwnPropertyDescriptor(p, name);
    if (descriptor) return descriptor;
  }
  throw new Error(`DOM member ${name} is missing`);
}

function method<F extends AnyFn>(proto: object, name: string): F {
  return fromProto(proto, name).value as F;
}

function getter<T>(proto: object, name: string): (self: Node) => T {
  const get = fromProto(proto, name).get;
  if (!get) throw new Error(`DOM member ${name} is not a getter`);
  return (self) => get.call(self) as T;
}

const elementQuerySelectorAll = method<(this: Element, s: string) => NodeListOf<Element>>(Element.prototype, 'querySelectorAll');
const elementQuerySelector = method<(this: Element, s: string) => Element | null>(Element.prototype, 'querySelector');
const documentQuerySelectorAll = method<(this: Document, s: string) => NodeListOf<Element>>(Document.prototype, 'querySelectorAll');
const documentQuerySelector = method<(this: Document, s: string) => Element | null>(Document.prototype, 'querySelector');
const documentGetElementById = method<(this: Document, id: string) => Element | null>(Document.prototype, 'getElementById');
const elementClosest = method<(this: Element, s: string) => Element | null>(Element.prototype, 'closest');
const elementMatches = method<(this: Element, s: string) => boolean>(Element.prototype, 'matches');
const elementGetAttribute = method<(this: Element, n: string) => string | null>(Element.prototype, 'getAttribute');
const nodeContains = method<(this: Node, other: Node | null) => boolean>(Node.prototype, 'contains');
const nodeCompare = method<(this: Node, other: Node) => number>(Node.prototype, 'compareDocumentPosition');
const parentElementOf = getter<Element | null>(Node.prototype, 'parentElement');
// Looked up from Element.prototype too: some DOMs (happy-dom) define it on Element.
const textContentOf = getter<string | null>(Node.prototype, 'textContent');
const elementTextContentOf = getter<string | null>(Element.prototype, 'textContent');
const isConnectedOf = getter<boolean>(Node.prototype, 'isConnected');
const ownerDocumentOf = getter<Document | null>(Node.prototype, 'ownerDocument');
const localNameOf = getter<string>(Element.prototype, 'localName');
const shadowRootGetter = getter<ShadowRoot | null>(Element.prototype, 'shadowRoot');

/** Where detectors look: a whole document, or part of one. */
export type SearchRoot = Document | Element;

export function queryAll(root: SearchRoot, selector: string): Element[] {
  const list = root instanceof Document
    ? documentQuerySelectorAll.call(root, selector)
    : elementQuerySelectorAll.call(root, selector);
  return Array.from(list);
}

export function queryFirst(root: SearchRoot, selector: string): Element | null {
  return root instanceof Document
    ? documentQuerySelector.call(root, selector)
    : elementQuerySelector.call(root, selector);
}

export function closest(element: Element, selector: string): Element | null {
  return elementClosest.call(element, selector);
}

export function matches(element: Element, selector: string): boolean {
  return elementMatches.call(element, selector);
}

export function attribute(element: Element, name: string): string | null {
  return elementGetAttribute.call(element, name);
}

export function contains(ancestor: Node, node: Node): boolean {
  return nodeContains.call(ancestor, node);
}

/** True when `a` comes before `b` in document order. */
export function precedes(a: Node, b: Node): boolean {
  return (nodeCompare.call(a, b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

export function parentOf(node: Node): Element | null {
  return parentElementOf(node);
}

export function textOf(node: Node): string {
  return (node instanceof Element ? elementTextContentOf(node) : textContentOf(node)) ?? '';
}

export function isConnected(node: Node): boolean {
  return isConnectedOf(node);
}

/** The element's open shadow root (a closed one is null, as for the page). */
export function shadowRootOf(element: Element): ShadowRoot | null {
  return shadowRootGetter(element);
}

export function localName(element: Element): string {
  return localNameOf(element);
}

export function elementById(element: Element, id: string): Element | null {
  const doc = ownerDocumentOf(element);
  return doc ? documentGetElementById.call(doc, id) : null;
}
