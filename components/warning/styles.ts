/**
 * Styles of the in-page warning, injected into its shadow roots (never into the page). The
 * host is reset with `all: initial` (WXT adds it, and `!important` inside the shadow tree wins
 * over a page's `!important` rules on the host), so nothing of the page reaches the UI.
 * Kept as a string so the content script needs no stylesheet fetched from the extension
 * (which web-accessible-resource matches would limit to the build's app origin).
 */
export const WARNING_CSS = `
:host { all: initial !important; display: block !important; }
*, *::before, *::after { box-sizing: border-box; }
.root {
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2937; text-align: left; letter-spacing: normal; text-transform: none; font-style: normal;
  font-weight: 400; white-space: normal; direction: ltr;
}
p, h2, ul { margin: 0; padding: 0; }
button {
  font: inherit; color: inherit; margin: 0; cursor: pointer; border-radius: 6px; line-height: 1.3;
  border: 1px solid #c5ccd8; background: #fff; padding: 5px 11px; font-weight: 500;
}
button:hover { background: #f3f5f9; }
button:focus-visible { outline: 2px solid #3b5bdb; outline-offset: 2px; }
button[aria-disabled="true"] { opacity: .6; cursor: default; }
.primary { background: #3b5bdb; border-color: #3b5bdb; color: #fff; }
.primary:hover { background: #2f49b5; }
.link { border: none; background: none; padding: 2px 0; color: #2f49b5; text-decoration: underline; }
.link:hover { background: none; }

.banner {
  display: flex; gap: 10px; align-items: flex-start; margin: 8px 12px; padding: 9px 12px;
  border: 1px solid #c9d6fb; border-left: 4px solid #3b5bdb; border-radius: 8px; background: #f1f5ff;
}
.banner[data-level="short"] { border-color: #f3c1b9; border-left-color: #c4320a; background: #fff5f3; }
.mark { flex: none; display: block; margin-top: 0; color: #3b5bdb; }
.banner[data-level="short"] .mark { color: #c4320a; }
.body { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 4px; }
.headline { font-weight: 600; color: #111827; overflow-wrap: anywhere; }
.more { margin-left: 10px; font-weight: 500; }
.note { color: #4b5563; overflow-wrap: anywhere; }
.error { color: #b42318; }
.others { list-style: none; display: flex; flex-direction: column; gap: 2px; color: #374151; }
.offers { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 4px; }
.purchase-progress { font-weight: 400; }

.dock {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; display: flex; flex-direction: column;
  gap: 8px; width: min(460px, calc(100vw - 32px));
}
.dock .banner { margin: 0; box-shadow: 0 8px 24px rgba(17, 24, 39, .18); }

.backdrop {
  position: fixed; inset: 0; z-index: 2147483647; display: grid; place-items: center; padding: 16px;
  background: rgba(17, 24, 39, .45);
}
.dialog {
  width: min(420px, 100%); background: #fff; border-radius: 12px; padding: 20px 22px 18px;
  box-shadow: 0 20px 50px rgba(17, 24, 39, .3); display: flex; flex-direction: column; gap: 8px;
}
.dialog[role="alertdialog"] { border-top: 4px solid #c4320a; }
.dialog h2 { font-size: 16px; font-weight: 650; color: #111827; overflow-wrap: anywhere; }
.dialog p { font-size: 14px; color: #374151; }
.dialog .brand { font-size: 12px; color: #6b7280; }
.dialog a { color: #2f49b5; font-size: 14px; text-decoration: underline; text-underline-offset: 2px; cursor: pointer; }
.dialog a:hover { color: #1e3a8a; }
.dialog a:focus-visible { outline: 2px solid #3b5bdb; outline-offset: 2px; border-radius: 2px; }
.buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 10px; }
@media (prefers-reduced-motion: no-preference) { .backdrop { animation: fade .12s ease-out; } }
@keyframes fade { from { opacity: 0; } to { opacity: 1; } }
`;
