import { t } from './i18n';
import type { AnswerOf, Request, Response } from './messages';
import { nativeRuntime } from './native-runtime';

/**
 * Ask the background (the contract: utils/messages.ts); resolves with its answer, or a
 * `no_answer` error if it gave none. In a module of its own: the contract's schemas are the
 * background's, and a page or content script that only asks does not load them (nor the
 * polyfill: utils/native-runtime.ts).
 */
export async function askBackground<T extends Request>(request: T): Promise<Response<AnswerOf<T['type']>>> {
  try {
    const answer = (await nativeRuntime()?.sendMessage(request)) as Response<AnswerOf<T['type']>> | undefined;
    return answer ?? { ok: false, error: { kind: 'no_answer', message: t('noAnswer') } };
  } catch {
    return { ok: false, error: { kind: 'no_answer', message: t('noAnswer') } };
  }
}
