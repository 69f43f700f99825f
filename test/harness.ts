/**
 * The background's test harness: one sandbox (test/sandbox/server.ts) per test file, the
 * background built with createBackground on a clock the test controls, and the sign-in every
 * flow starts from. fakeBrowser (storage, alarms, tabs, badge) is reset before every test by
 * test/setup.ts; the harness then points the settings at the sandbox.
 *
 *   const { sandbox, clock, background, signedIn } = backgroundHarness();
 *
 * Call it at the top of a file, or inside a describe to start the sandbox for that block only.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '@/utils/background';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { parseSnapshot, type Snapshot } from '@/utils/snapshot';
import { settingsItem, snapshotItem } from '@/utils/storage';
import { startSandbox, type Sandbox } from './sandbox/server';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Where every test's clock starts: the spec's example day. */
export const START = Date.parse('2026-11-26T10:00:00Z');

/** The popup as a message sender (an extension page). */
export const EXTENSION_PAGE = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };

export type Background = ReturnType<typeof createBackground>;
export type BackgroundDeps = NonNullable<Parameters<typeof createBackground>[0]>;

/** The snapshot the background stored, parsed as the popup reads it. */
export async function storedSnapshot(): Promise<Snapshot> {
  return parseSnapshot(await snapshotItem.getValue());
}

export interface HarnessOptions {
  /**
   * Skip the billing client's backoff sleeps (a retry costs nothing; the policy under test —
   * tries, intervals, alarms — is unchanged). Default: real sleeps.
   */
  skipBackoff?: boolean;
  /**
   * Each test's clock: `reset` (default) starts every test at START; `hourly` starts each test
   * an hour after the previous one (the first at START + 1 h).
   */
  clock?: 'reset' | 'hourly';
}

/**
 * One sandbox for the file (or the describe block): started before its tests, closed after
 * them, back to the `basic` scenario before each. Its fields are filled in by beforeAll.
 */
export function sandboxHarness(): Sandbox {
  const sandbox = {} as Sandbox;
  beforeAll(async () => {
    Object.assign(sandbox, await startSandbox());
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.setScenario('basic');
  });
  return sandbox;
}

export function backgroundHarness({ skipBackoff = false, clock: perTest = 'reset' }: HarnessOptions = {}) {
  const sandbox = sandboxHarness();
  /** The background's `now`: set or advance `clock.now` to move time. */
  const clock = { now: START };

  beforeEach(async () => {
    clock.now = perTest === 'hourly' ? clock.now + HOUR : START;
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiOrigin: sandbox.apiUrl, appOrigin: sandbox.appUrl });
  });

  /** A worker (its state is in storage, so a new one is a restarted worker). */
  function background(over: BackgroundDeps = {}): Background {
    return createBackground({ now: () => clock.now, ...(skipBackoff ? { billing: { sleep: async () => {} } } : {}), ...over });
  }

  /** `bg` signed in with the sandbox's demo key, the account read once. */
  async function signedIn(bg: Background = background()): Promise<Background> {
    const answer = await bg.handleMessage({ type: 'setApiKey', key: sandbox.demoKey }, EXTENSION_PAGE);
    expect(answer).toEqual({ ok: true, value: { email: expect.any(String) } });
    await bg.refresher.refresh('sign-in');
    return bg;
  }

  /** signedIn, then the sandbox's request log cleared: what the test counts starts from zero. */
  async function signedInQuietly(bg: Background = background()): Promise<Background> {
    await signedIn(bg);
    sandbox.resetRequests();
    return bg;
  }

  return { sandbox, clock, background, signedIn, signedInQuietly, snapshot: storedSnapshot };
}
