/* 单位网厅 — the end of the session (WCAG 2.2.1, issue 17). The footer says when the
 * session ends (#session-end, data-ends-in seconds, data-warn seconds); this script shows a
 * warning that many seconds before, with 继续使用: it asks the server for a page (any page
 * of the session counts as activity) and takes the new end from it. Once the time has
 * passed it says so and links to the login. Without script the footer alone says when. */
(function () {
  'use strict';
  var foot = document.getElementById('session-end');
  if (!foot) { return; }
  var warn = parseInt(foot.getAttribute('data-warn'), 10) || 120;
  var deadline = 0, timer = 0, box = null, text = null, action = null;

  function hm(t) {   /* Beijing time, whatever the browser's zone */
    var d = new Date(t + 8 * 3600 * 1000);
    var h = d.getUTCHours(), m = d.getUTCMinutes();
    return (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m;
  }
  function arm(endsIn) {
    deadline = Date.now() + endsIn * 1000;
    var at = foot.querySelector('[data-field="ends-at"]');
    if (at) { at.textContent = hm(deadline); }
    window.clearTimeout(timer);
    timer = window.setTimeout(show, Math.max(0, deadline - Date.now() - warn * 1000));
  }
  function close() {
    if (box) { box.parentNode.removeChild(box); box = null; }
  }
  function expired() {
    close();
    box = document.createElement('div');
    box.className = 'msg fail session-warning';
    box.setAttribute('role', 'alert');
    box.appendChild(document.createTextNode('登录已超时,请重新登录。 '));
    var a = document.createElement('a');
    a.href = '/login';
    a.textContent = '重新登录';
    box.appendChild(a);
    document.getElementById('main').insertBefore(box, document.getElementById('main').firstChild);
  }
  function extend() {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/password', true);
    xhr.onload = function () {
      var m = /data-ends-in="([0-9]+)"/.exec(xhr.responseText || '');
      if (xhr.status !== 200 || !m) { expired(); return; }
      close();
      arm(parseInt(m[1], 10));
    };
    xhr.onerror = function () { text.textContent = '网络连接失败,请稍后再试。'; };
    xhr.send();
  }
  function show() {
    close();
    box = document.createElement('div');
    box.className = 'msg warn session-warning';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'session-warning-text');
    text = document.createElement('p');
    text.id = 'session-warning-text';
    text.textContent = '您已较长时间未操作,登录将于' + hm(deadline) + '超时并自动退出。如需继续办理,请选择“继续使用”。';
    action = document.createElement('button');
    action.type = 'button';
    action.className = 'btn btn-primary';
    action.textContent = '继续使用';
    action.addEventListener('click', extend);
    box.appendChild(text);
    box.appendChild(action);
    var main = document.getElementById('main');
    main.insertBefore(box, main.firstChild);
    action.focus();
    window.clearTimeout(timer);
    timer = window.setTimeout(expired, Math.max(0, deadline - Date.now()));
  }
  var first = parseInt(foot.getAttribute('data-ends-in'), 10);
  if (first > 0) { arm(first); }
})();
