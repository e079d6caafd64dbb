/* 单位网厅 — progress of one batch job (templates/job.cs): polls
 * /jobs/ID?format=json every 1.5 s until the job is done. The progress bar's value and
 * text follow; the live region (data-field="announce", role=status) says the progress at
 * every 10% and the completion, and the 刷新 link becomes 查看处理结果: the page is not
 * reloaded under the clerk (WCAG 4.1.2 / 3.2.5, issue 17). Without JS the 刷新 link
 * reloads the page. */
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
    var spoken = 0;   /* the last tenth of the progress announced */
    function update(j) {
      var p = Math.max(0, Math.min(100, parseInt(j.percent, 10) || 0));
      var bar = field(root, 'bar');
      if (bar) { bar.className = 'bar p' + p; }
      var wrap = field(root, 'bar-wrap');
      if (wrap) {
        wrap.setAttribute('aria-valuenow', String(p));
        wrap.setAttribute('aria-valuetext', '已处理' + j.processed + '条,共' + j.total + '条(' + p + '%)');
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
        var say = field(root, 'announce');
        if (j.done) {
          setText(say, '处理完成:共' + j.total + '条' + (j.failed > 0 ? ',失败' + j.failed + '条' : '') +
                  '。请选择“查看处理结果”。');
          setText(field(root, 'refresh'), '查看处理结果');
          return;
        }
        var step = Math.floor(p / 10);
        if (step > spoken) { spoken = step; setText(say, '已处理' + p + '%'); }
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
