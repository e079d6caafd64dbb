/* 单位网厅 — progress of one batch job (templates/job.cs): polls
 * /jobs/ID?format=json every 1.5 s until the job is done, then reloads the page
 * once (so 完成时间 and 错误详情 appear). Without JS the 刷新 link does the same. */
(function () {
  'use strict';
  function field(root, name) { return root.querySelector('[data-field="' + name + '"]'); }
  function setText(el, v) { if (el) { el.textContent = String(v); } }
  function start() {
    var root = document.getElementById('job');
    if (!root || root.getAttribute('data-done') === '1') { return; }
    var id = root.getAttribute('data-job-id');
    if (!/^[0-9]+$/.test(id || '')) { return; }
    var url = '/jobs/' + id + '?format=json';
    function update(j) {
      var p = Math.max(0, Math.min(100, parseInt(j.percent, 10) || 0));
      var bar = field(root, 'bar');
      if (bar) { bar.className = 'bar p' + p; }
      var wrap = field(root, 'bar-wrap');
      if (wrap) {
        wrap.setAttribute('aria-valuenow', String(p));
        if (j.failed > 0) { wrap.classList.add('has-errors'); }
        if (j.done) { wrap.classList.add('done'); }
      }
      setText(field(root, 'percent'), p);
      setText(field(root, 'total'), j.total);
      setText(field(root, 'processed'), j.processed);
      setText(field(root, 'failed'), j.failed);
      setText(field(root, 'done'), j.done ? '是' : '否');
    }
    function poll() {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', url, true);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.onload = function () {
        if (xhr.status !== 200) { return; }  /* deleted or expired: stop polling */
        var j;
        try { j = JSON.parse(xhr.responseText); } catch (e) { return; }
        update(j);
        if (j.done) { window.location.reload(); return; }
        window.setTimeout(poll, 1500);
      };
      xhr.onerror = function () { window.setTimeout(poll, 5000); };
      xhr.send();
    }
    window.setTimeout(poll, 1000);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
