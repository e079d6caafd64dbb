<?cs include:"layout.cs" ?><?cs include:"paging.cs" ?><?cs
# check.cs — 基础信息核查 (GET /query/check).
# Reads: Counts.<kind>.{Title, N}, Rows.N.{Seq, Title, IdNo, Name, Detail, Todo, Fix (a path,
#   "" = the counter)}, CheckedAt (when the rows were last checked), Paging.*, Empty.Text,
#   Filter.Query, and layout.cs's.
?><?cs call:page_start() ?>
<p class="hint">核查本单位当前参保人员的基础信息。每个问题注明处理方式:可在网厅办理的,点击“去处理”;其余请到医保经办机构柜台办理。</p><?cs
if:CheckedAt ?>
<p class="hint">核查时间:<?cs var:CheckedAt ?>。本单位的数据变更后,再次打开本页即重新核查。</p><?cs
/if ?>
<ul class="check-counts"><?cs
each:c = Counts ?>
  <li><?cs var:c.Title ?>:<strong><?cs var:c.N ?></strong> 人</li><?cs
/each ?>
</ul><?cs
call:table_meta("/query/check") ?>
<div class="table-wrap" tabindex="0">
<table class="data-table">
  <thead>
    <tr><th class="num">序号</th><th>问题</th><th>证件号码</th><th>姓名</th><th>说明</th><th>处理</th></tr>
  </thead>
  <tbody><?cs
  each:row = Rows ?>
    <tr>
      <td class="num"><?cs var:row.Seq ?></td>
      <td class="nowrap"><?cs var:row.Title ?></td>
      <td class="id-no"><?cs var:row.IdNo ?></td>
      <td class="nowrap"><?cs var:row.Name ?></td>
      <td class="nowrap"><?cs var:row.Detail ?></td>
      <td><?cs var:row.Todo ?><?cs
        if:row.Fix ?> <a href="<?cs var:row.Fix ?>">去处理</a><?cs else ?>(请到柜台办理)<?cs /if ?></td>
    </tr><?cs
  /each ?><?cs call:table_end(6, "/query/check") ?>
<?cs call:page_end() ?>
