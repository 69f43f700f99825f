/* /extension/connect (app-pages.md §3): on Approve, hand the key to the extension's content
 * script with window.postMessage to this page's own origin, then show "Connected". */
/* global document, window, location */
(function () {
  'use strict';

  var approve = document.getElementById('approve');
  var result = document.getElementById('result');
  var detail = document.getElementById('result-detail');
  var key = document.body.getAttribute('data-extension-key');

  window.addEventListener('message', function (event) {
    if (event.source !== window || event.origin !== location.origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'deskflow:extension-connected') {
      result.textContent = 'Connected';
      detail.textContent = 'Deskflow Credits confirmed the connection. You can close this tab.';
      document.body.setAttribute('data-extension-confirmed', 'true');
    }
  });

  approve.addEventListener('click', function () {
    approve.disabled = true;
    window.postMessage({ type: 'deskflow:extension-key', key: key }, location.origin);
    result.textContent = 'Connected';
    if (!detail.textContent) detail.textContent = 'Deskflow Credits can now show the credits of this account.';
  });
})();
