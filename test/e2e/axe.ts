import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { exposeClosedShadowRoots } from './ax';

const require = createRequire(import.meta.url);
/** axe-core's browser build, run in the page as a script. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0–2.2 A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; summary: string | undefined }>;
}

/**
 * axe-core's violations on `page`, in the real browser. Injected through DevTools (extension
 * pages' CSP forbids an inline script tag). `include` limits the check to our own hosts on a
 * page that is not ours (their closed shadow roots, exposed to axe by exposeClosedShadowRoots, are checked with them); `disable` turns off
 * rules that judge the page around them.
 */
export async function axeViolations(
  page: Page,
  { include, disable = [] }: { include?: string[]; disable?: string[] } = {},
): Promise<AxeViolation[]> {
  await settle(page);
  await exposeClosedShadowRoots(page);
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags, disable }) => {
      type Result = {
        violations: Array<{
          id: string;
          impact: string | null;
          help: string;
          nodes: Array<{ target: unknown; failureSummary?: string }>;
        }>;
      };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
      const context = include ? { include: include.map((selector) => [selector]) } : document;
      const result = await axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        rules: Object.fromEntries(disable.map((id) => [id, { enabled: false }])),
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
      }));
    },
    { include, tags: TAGS, disable },
  );
}

/**
 * What a rule of axe found to pass (its targets): proof that axe looked inside our shadow roots
 * at all, rather than passing them by not seeing them.
 */
export async function axePasses(page: Page, rule: string, { include }: { include?: string[] } = {}): Promise<unknown[]> {
  await exposeClosedShadowRoots(page);
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, rule }) => {
      type Result = { passes: Array<{ nodes: Array<{ target: unknown }> }> };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
      const context = include ? { include: include.map((selector) => [selector]) } : document;
      const result = await axe.run(context, { runOnly: { type: 'rule', values: [rule] }, resultTypes: ['passes'] });
      return result.passes.flatMap((p) => p.nodes.map((n) => n.target));
    },
    { include, rule },
  );
}

/**
 * Waits until no transition or finite animation runs (in the page and its shadow roots):
 * colours measured in the middle of one (a colour-scheme switch, a dialog fading in) are
 * neither the old nor the new ones. Endless ones (spinners, the skeleton) do not count.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(50);
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity),
      null,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

/** The element that has focus, through open shadow roots, as "role: name" for messages. */
export async function focused(page: Page): Promise<string> {
  await exposeClosedShadowRoots(page);
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return '(nothing)';
    const label = element.getAttribute('aria-label') ?? (element as HTMLElement).innerText ?? element.textContent ?? '';
    return `${element.tagName.toLowerCase()}: ${label.trim().replace(/\s+/g, ' ')}`;
  });
}
