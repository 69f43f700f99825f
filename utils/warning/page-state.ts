import { t } from '../i18n';
import { askBackground } from '../ask-background';
import { nativeRuntime } from '../native-runtime';
import { NO_LIMITS } from '../limits/rules';
import { PENDING, type AccountView } from './ask';
import { isExpired } from './carry-on';
import { readPageState, readPageStatePush, readWaitingAction, type PageStateRead } from './page-state-check';

/** After the background failed to answer, ask again no sooner than this. */
const RETRY_AFTER_MS = 10_000;

/**
 * False once the extension was reloaded, updated or removed under this page. Read on every
 * selection change: from the browser's own object, not through the polyfill's proxy.
 */
export function extensionAlive(): boolean {
  try {
    return Boolean(nativeRuntime()?.id);
  } catch {
    return false;
  }
}

export interface PageStateOptions {
  /** The background; tests pass a stand-in. */
  messageBackground?: typeof askBackground;
  /** Whether this script's extension is still there (tests pass a stand-in). */
  alive?: () => boolean;
  onChange: (account: AccountView) => void;
}

/**
 * What the content script knows about the account. Content scripts cannot read the
 * extension's storage: the page state is asked for once (when a list first has a selection or
 * an action is held) and then pushed by the background whenever the snapshot or the settings
 * change. An extension reloaded under the page leaves this script on its own: from then on the
 * balance is unknown, and the guard keeps asking (it never lets actions through unasked).
 */
export function createPageState({ messageBackground = askBackground, alive = extensionAlive, onChange }: PageStateOptions) {
  let account: AccountView = PENDING;
  let asking = false;
  let lastFailure = 0;
  /** Pushes received; an answer to an older request must not overwrite a newer push. */
  let pushes = 0;
  // Said now: once the extension is gone, its messages may be too.
  const reloaded = t('extensionReloaded');

  function set(state: PageStateRead): void {
    const waiting = readWaitingAction(state.carryOn ?? null);
    account = {
      kind: 'state',
      snapshot: state.snapshot,
      confirmation: state.confirmation,
      costLabels: state.costLabels !== false,
      carryOn: waiting && !isExpired(waiting, Date.now()) ? waiting : null,
      limits: state.limits ?? NO_LIMITS,
      spentThisWeek: state.spentThisWeek ?? 0,
    };
    onChange(account);
  }

  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }): undefined => {
    if (!alive() || sender.id !== nativeRuntime()?.id || sender.tab !== undefined) return undefined;
    const state = readPageStatePush(message);
    if (!state) return undefined;
    pushes += 1;
    set(state);
    return undefined;
  };
  nativeRuntime()?.onMessage.addListener(onMessage);

  /** Ask the background unless we know already (or are asking, or it failed just now). */
  function ensure(): void {
    if (account.kind === 'state' || asking || Date.now() - lastFailure < RETRY_AFTER_MS || !alive()) return;
    asking = true;
    const pushesBefore = pushes;
    void messageBackground({ type: 'getPageState' }).then((answer) => {
      asking = false;
      if (pushes !== pushesBefore) return;
      const state = answer.ok ? readPageState(answer.value) : null;
      if (state) {
        set(state);
      } else {
        lastFailure = Date.now();
        account = { kind: 'unavailable', reason: answer.ok ? t('unexpectedAnswer') : answer.error.message };
        onChange(account);
      }
    });
  }

  return {
    get: (): AccountView => (alive() ? account : { kind: 'unavailable', reason: reloaded }),
    ensure,
  };
}
