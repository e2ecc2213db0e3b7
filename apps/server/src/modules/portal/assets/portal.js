// Progressive enhancement only: every portal page works without this file. DKFDS adds focus handling to the
// error summary, accordions and the like. Loaded with `defer`, after dkfds.min.js, and never inline (CSP).
/* global window, document */
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  if (window.DKFDS && typeof window.DKFDS.init === 'function') window.DKFDS.init();
})();
