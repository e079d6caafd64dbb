<?cs include:"layout.cs" ?><?cs
# wages.cs — 批量缴费申报(工资年度申报) (GET/POST /wages).
# Reads: Wages.{Year, Open, OpensAt, ClosesAt, Closed (the closed-window text), Next (the
#   next window's dates), Lower, Upper, Provisional}, Upload.MaxRows, Upload.MaxMB,
#   Jobs.N.* (recent_jobs() in layout.cs), plus layout.cs.
?><?cs call:page_start() ?>
<section class="panel" aria-labelledby="window-title">
  <h2 id="window-title" class="section-title"><?cs var:Wages.Year ?>年度工资申报</h2>
  <dl class="kv">
    <dt>申报年度</dt><dd><?cs var:Wages.Year ?>年(自<?cs var:Wages.Year ?>年1月起执行)</dd>
    <dt>申报期</dt><dd><?cs var:Wages.OpensAt ?> 至 <?cs var:Wages.ClosesAt ?><?cs if:Wages.Open ?>(申报期内)<?cs /if ?></dd><?cs
    if:Wages.Lower ?>
    <dt>缴费基数上下限</dt><dd><?cs var:Wages.Lower ?> 元 至 <?cs var:Wages.Upper ?> 元<?cs if:Wages.Provisional ?>(暂定)<?cs /if ?></dd><?cs
    /if ?>
  </dl><?cs
  if:!Wages.Open ?>
  <p class="notice"><?cs var:Wages.Closed ?><?cs var:Wages.Next ?></p><?cs
  /if ?>
</section>

<section class="panel" aria-labelledby="howto-title">
  <h2 id="howto-title" class="section-title">操作说明</h2>
  <ol class="instructions">
    <li>请为本单位每一名在职参保职工申报<?cs var:Wages.Year ?>年度的月申报工资,自<?cs var:Wages.Year ?>年1月起按新工资核定缴费基数(超出上下限的按上下限核定)。</li>
    <li>文件为Excel工作簿(.xlsx)或CSV格式,第一行为表头:证件号码,姓名,月申报工资。请下载<a href="/wages/template.xlsx">Excel模板</a>(证件号码列已设为文本格式,推荐)或<a href="/wages/template.csv">CSV模板</a>后,从第二行起每行填写一名职工(模板只有表头,不含示例数据)。</li>
    <li>姓名须与登记信息一致;姓名有误的请先在“<a href="/person">参保人员信息维护</a>”中修改。</li>
    <li>申报期内同一职工再次申报的,以最后一次为准。文件中没有的在职职工为“未申报人员”,沿用原月申报工资,可在批量任务结果中查看和导出。</li>
    <li>证件号码列请设置为“文本”格式,否则Excel会将其转换为科学计数法(如3.20501E+17)并丢失末尾数字。</li>
    <li>文件编码可为UTF-8或GBK;每个文件最多<?cs var:Upload.MaxRows ?>行数据,不超过<?cs var:Upload.MaxMB ?>MB。失败数据请及时导出,数据记录仅保存24h。</li>
  </ol>
</section>

<form class="form" method="post" action="/wages" enctype="multipart/form-data">
  <?cs call:csrf_field() ?>
  <input type="hidden" name="year" value="<?cs var:Wages.Year ?>">
  <fieldset<?cs if:!Wages.Open ?> disabled<?cs /if ?>>
    <legend>工资年度申报</legend>
    <div class="form-row">
      <label for="file" class="required">上传文件</label>
      <input type="file" id="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required<?cs if:Page.FileRefused ?> aria-invalid="true" aria-describedby="msg" autofocus<?cs /if ?>>
      <span class="hint"><a href="/wages/template.xlsx">下载模板(Excel)</a> · <a href="/wages/template.csv">下载模板(CSV)</a></span>
    </div>
  </fieldset>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary"<?cs if:!Wages.Open ?> disabled<?cs /if ?>>上传并提交</button>
  </div>
</form><?cs

call:recent_jobs("最近的批量任务") ?>
<?cs call:page_end() ?>
