import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { AccountView } from '@/components/warning/model';
import { t } from '@/utils/i18n';
import { askBackground, PageStatePushSchema, PageStateSchema } from '@/utils/messages';
import { parseSnapshot } from '@/utils/snapshot';

/** After the background failed to answer, ask again no sooner than this. */
const RETRY_AFTER_MS = 10_000;

/**
 * What the content script knows about the account. Content scripts cannot read the
 * extension's storage: the page state is asked for once (only when a list first has a
 * selection) and then pushed by the background whenever the snapshot or the settings change.
 */
export function createPageState(
  ctx: ContentScriptContext,
  messageBackground: typeof askBackground,
  onChange: (account: AccountView) => void,
) {
  let account: AccountView = { kind: 'pending' };
  let asking = false;
  let lastFailure = 0;
  /** Pushes received; an answer to an older request must not overwrite a newer push. */
  let pushes = 0;

  function set(next: AccountView): void {
    account = next;
    onChange(next);
  }

  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }): undefined => {
    if (!ctx.isValid || sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const push = PageStatePushSchema.safeParse(message);
    if (!push.success) return undefined;
    pushes += 1;
    set({ kind: 'state', snapshot: parseSnapshot(push.data.state.snapshot), confirmation: push.data.state.confirmation });
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The extension is gone already; so is the listener.
    }
  });

  /** Ask the background unless we know already (or are asking, or it failed just now). */
  function ensure(): void {
    if (account.kind === 'state' || asking || Date.now() - lastFailure < RETRY_AFTER_MS) return;
    asking = true;
    const pushesBefore = pushes;
    void messageBackground({ type: 'getPageState' }).then((answer) => {
      asking = false;
      if (!ctx.isValid || pushes !== pushesBefore) return;
      const state = answer.ok ? PageStateSchema.safeParse(answer.value) : null;
      if (state?.success) {
        set({ kind: 'state', snapshot: parseSnapshot(state.data.snapshot), confirmation: state.data.confirmation });
      } else {
        lastFailure = Date.now();
        set({ kind: 'unavailable', reason: answer.ok ? t('unexpectedAnswer') : answer.error.message });
      }
    });
  }

  return { get: () => account, ensure };
}
