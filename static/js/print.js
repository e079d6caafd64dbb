/* 单位网厅 — the 打印 button of printable report pages (CSP forbids inline handlers). */
(function () {
  'use strict';
  function bind() {
    var buttons = document.querySelectorAll('[data-print]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function () { window.print(); });
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', bind);
  } else {
    bind();
  }
})();
