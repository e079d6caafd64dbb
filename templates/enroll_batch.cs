<?cs include:"layout.cs" ?><?cs
# enroll_batch.cs — 批量增员申报(补收) (GET/POST /enroll/batch).
# Reads: Period.Month, Period.Label, Window.Open, Window.OpensAt, Window.ClosesAt,
#   Window.Notice (while closed: when the next window opens; the submit is then disabled,
#   the POST refused all the same), Backpay.Max, Upload.MaxRows, Upload.MaxMB,
#   Months.N.{Value,Label,Selected} (C … C-6), Types.N.Name (the six mandatory types),
#   Civil.Offer / Civil.Name (机关事业单位 only),
#   Jobs.N.* (recent jobs: recent_jobs() in layout.cs), plus layout.cs.
?><?cs call:page_start() ?>
<?cs call:period_card() ?>

<section class="panel" aria-labelledby="howto-title">
  <h2 id="howto-title" class="section-title">操作说明</h2>
  <ol class="instructions">
    <li>一批数据为同一参保时间、同一险种的人员;参保时间(补缴月份)不同的人员请分批上传。</li>
    <li>文件为Excel工作簿(.xlsx)或CSV格式,第一行为表头:证件号码,姓名,月申报工资,联系电话。请下载<a href="/enroll/template.xlsx">Excel模板</a>(证件号码列已设为文本格式,推荐)或<a href="/enroll/template.csv">CSV模板</a>后,从第二行起每行填写一名人员(模板只有表头,不含示例数据):
      <ul>
        <li>证件号码:18位居民身份证号码,末位X大小写均可;</li>
        <li>姓名:与身份证上的姓名一致;</li>
        <li>月申报工资:单位为元,最多两位小数,如6000或6000.50;</li>
        <li>联系电话:手机号码或固定电话,如13800000000或0512-12345678。</li>
      </ul></li>
    <li>从“批量任务”导出的失败数据(末尾两列为失败原因、原行号)修改后可直接重新上传,末尾两列不必删除。</li>
    <li>证件号码列请设置为“文本”格式,否则Excel会将其转换为科学计数法(如3.20501E+17)并丢失末尾数字。</li>
    <li>文件编码可为UTF-8或GBK(Excel“CSV(逗号分隔)”默认格式);每个文件最多<?cs var:Upload.MaxRows ?>行数据,不超过<?cs var:Upload.MaxMB ?>MB。</li>
    <li>上传后在后台逐条处理,每条数据的校验与单个增员申报相同;处理进度和结果可在“<a href="/jobs">批量任务</a>”中查看。</li>
    <li>失败数据请及时导出,数据记录仅保存24h。</li>
  </ol>
</section>

<form class="form" method="post" action="/enroll/batch" enctype="multipart/form-data">
  <?cs call:csrf_field() ?>
  <fieldset>
    <legend>批量增员</legend>
    <div class="form-row">
      <label for="file" class="required">上传文件</label>
      <input type="file" id="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required<?cs if:Page.FileRefused ?> aria-invalid="true" aria-describedby="msg" autofocus<?cs /if ?>>
      <span class="hint"><a href="/enroll/template.xlsx">下载模板(Excel)</a> · <a href="/enroll/template.csv">下载模板(CSV)</a></span>
    </div>
<?cs call:start_month_and_types("") ?>
  </fieldset>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Window.Open ?> disabled<?cs /if ?>>上传并提交</button>
  </div>
</form><?cs

call:recent_jobs("最近的批量任务") ?>
<?cs call:page_end() ?>
