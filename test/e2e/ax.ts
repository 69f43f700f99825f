import type { CDPSession, Page } from 'playwright-core';

/**
 * The in-page warning lives in closed shadow roots, which Playwright's locators (and any page
 * script) cannot enter. The browser's accessibility tree can: these helpers find our UI there
 * as assistive technology does (role and accessible name), read it, and press it with real
 * input (mouse or keyboard through DevTools), so every press is a trusted event, as a user's.
 */

interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  childIds?: string[];
  parentId?: string;
  backendDOMNodeId?: number;
}

/** A role and an accessible name (exact string or pattern), optionally inside another match. */
export interface AxQuery {
  role: string | readonly string[];
  name?: string | RegExp;
  within?: AxQuery;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  return cdp;
}

async function tree(page: Page): Promise<Map<string, AxNode>> {
  const cdp = await session(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  return new Map(nodes.map((node) => [node.nodeId, node]));
}

function matches(node: AxNode, query: AxQuery): boolean {
  if (node.ignored) return false;
  const roles = typeof query.role === 'string' ? [query.role] : query.role;
  if (!roles.includes(node.role?.value ?? '')) return false;
  const name = node.name?.value ?? '';
  if (query.name === undefined) return true;
  return typeof query.name === 'string' ? name === query.name : query.name.test(name);
}

function descendants(nodes: Map<string, AxNode>, root: AxNode): AxNode[] {
  const out: AxNode[] = [];
  const stack = [...(root.childIds ?? [])];
  while (stack.length > 0) {
    const node = nodes.get(stack.shift()!);
    if (!node) continue;
    out.push(node);
    stack.unshift(...(node.childIds ?? []));
  }
  return out;
}

function search(nodes: Map<string, AxNode>, query: AxQuery): AxNode[] {
  const scopes = query.within ? search(nodes, query.within) : [...nodes.values()].filter((n) => !n.parentId);
  const found = new Set<AxNode>();
  for (const scope of scopes) {
    if (!query.within && matches(scope, query)) found.add(scope);
    for (const node of descendants(nodes, scope)) if (matches(node, query)) found.add(node);
  }
  return [...found];
}

async function only(page: Page, query: AxQuery): Promise<AxNode> {
  const found = search(await tree(page), query);
  if (found.length !== 1 || found[0]!.backendDOMNodeId === undefined) {
    throw new Error(`expected one ${JSON.stringify({ ...query, name: String(query.name) })}, found ${found.length}`);
  }
  return found[0]!;
}

/** How many elements the accessibility tree has for the query. */
export async function axCount(page: Page, query: AxQuery): Promise<number> {
  return search(await tree(page), query).length;
}

/** The text content of the one match, or null when there is none. */
export async function axText(page: Page, query: AxQuery): Promise<string | null> {
  const found = search(await tree(page), query);
  const node = found[0];
  if (!node?.backendDOMNodeId) return null;
  const cdp = await session(page);
  try {
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function () { return this.textContent; }',
      returnByValue: true,
    })) as { result: { value: string } };
    return result.value;
  } catch {
    return null; // gone between the two calls
  }
}

/** The accessible name of the one match. */
export async function axName(page: Page, query: AxQuery): Promise<string> {
  return (await only(page, query)).name?.value ?? '';
}

/** A real mouse click in the middle of the one match. */
export async function axClick(page: Page, query: AxQuery): Promise<void> {
  const node = await only(page, query);
  const cdp = await session(page);
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendDOMNodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId })) as { model: { content: number[] } };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Whether keyboard focus is on the one match. */
export async function axFocused(page: Page, query: AxQuery): Promise<boolean> {
  const cdp = await session(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<AxNode & { properties?: Array<{ name: string; value: { value: unknown } }> }> };
  const byId = new Map(nodes.map((n) => [n.nodeId, n as AxNode]));
  const target = search(byId, query)[0];
  const node = nodes.find((n) => n.nodeId === target?.nodeId);
  return node?.properties?.some((p) => p.name === 'focused' && p.value.value === true) ?? false;
}

/** The warning banner: a status, or an alert when credits are short. */
export const BANNER: AxQuery = { role: ['status', 'alert'], name: 'Deskflow credits' };
/** The confirmation: a dialog, or an alertdialog when credits are short. */
export const DIALOG: AxQuery = { role: ['dialog', 'alertdialog'] };
export const inDialog = (name: string | RegExp): AxQuery => ({ role: 'button', name, within: DIALOG });
export const inBanner = (name: string | RegExp): AxQuery => ({ role: 'button', name, within: BANNER });

interface DomNode {
  nodeId: number;
  localName?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

const OUR_HOSTS = new Set(['deskflow-credits-warning', 'deskflow-credits-dock', 'deskflow-credits-confirm']);

/**
 * Lets scripts of the page's main world (axe-core, the benchmark's observer) see into our closed
 * shadow roots, as `chrome.dom.openOrClosedShadowRoot` lets an extension: each of our hosts gets
 * a `shadowRoot` getter (on that element only) that returns its root. Tests only; call again
 * after new hosts appear.
 */
export async function exposeClosedShadowRoots(page: Page): Promise<number> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  let exposed = 0;
  const visit = async (node: DomNode): Promise<void> => {
    const shadow = node.shadowRoots?.[0];
    if (node.localName && OUR_HOSTS.has(node.localName) && shadow) {
      const resolve = async (nodeId: number) =>
        ((await cdp.send('DOM.resolveNode', { nodeId })) as { object: { objectId: string } }).object.objectId;
      await cdp.send('Runtime.callFunctionOn', {
        objectId: await resolve(node.nodeId),
        functionDeclaration: 'function (root) { Object.defineProperty(this, "shadowRoot", { get: () => root, configurable: true }); }',
        arguments: [{ objectId: await resolve(shadow.nodeId) }],
      });
      exposed += 1;
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) await visit(child);
  };
  await visit(root);
  return exposed;
}

/** The DOM node behind the one match (the same number means the same element, not a re-mounted one). */
export async function axNodeId(page: Page, query: AxQuery): Promise<number> {
  return (await only(page, query)).backendDOMNodeId!;
}

/** An attribute of the one match. */
export async function axAttribute(page: Page, query: AxQuery, name: string): Promise<string | null> {
  const node = await only(page, query);
  const cdp = await session(page);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as { object: { objectId: string } };
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function (name) { return this.getAttribute(name); }',
    arguments: [{ value: name }],
    returnByValue: true,
  })) as { result: { value: string | null } };
  return result.value;
}
