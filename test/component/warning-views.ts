import { createBanner } from '@/components/warning/banner';
import { createConfirmDialog, type ConfirmDialogOptions } from '@/components/warning/dialog';
import type { BannerModel, DialogModel } from '@/components/warning/model';
import type { PurchaseItem } from '@/utils/billing/schemas';

/** The banner of a model, in the test's document (test/setup.ts empties it after each test). */
export function mountBanner(model: BannerModel, onBuy: (item: PurchaseItem) => void = () => undefined) {
  const banner = createBanner(document, onBuy);
  banner.update(model);
  document.body.append(banner.element);
  return banner;
}

/** The confirmation, open in the test's document. */
export function mountDialog(model: DialogModel, handlers: ConfirmDialogOptions) {
  const dialog = createConfirmDialog(document, model, handlers);
  document.body.append(dialog.element);
  dialog.open();
  return dialog;
}
