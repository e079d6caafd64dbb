<?cs
# paging.cs — table pages' shared parts. pagination(base): the page links
# under a table (Paging.{Page, Pages, Prev, Next}, Filter.Query);
# table_meta(base): the row count and the CSV link above it;
# filter_input / filter_select: one field of a filter form (its message from err);
# filter_buttons(): 查询 and 导出CSV; table_end(cols, base): the empty-table row,
# the table's end and the page links.
?><?cs def:pagination(base) ?><?cs
  if:Paging.Pages > 1 ?>
<nav aria-label="分页">
<ul class="pagination"><?cs
    if:Paging.Prev ?>
  <li><a href="<?cs var:base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=1">首页</a></li>
  <li><a href="<?cs var:base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=<?cs var:Paging.Prev ?>" rel="prev">上一页</a></li><?cs
    else ?>
  <li><span class="disabled">首页</span></li>
  <li><span class="disabled">上一页</span></li><?cs
    /if ?>
  <li><span class="current" aria-current="page"><?cs var:Paging.Page ?></span></li><?cs
    if:Paging.Next ?>
  <li><a href="<?cs var:base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=<?cs var:Paging.Next ?>" rel="next">下一页</a></li>
  <li><a href="<?cs var:base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>page=<?cs var:Paging.Pages ?>">末页</a></li><?cs
    else ?>
  <li><span class="disabled">下一页</span></li>
  <li><span class="disabled">末页</span></li><?cs
    /if ?>
  <li><span class="page-info">共 <?cs var:Paging.Pages ?> 页</span></li>
</ul>
</nav><?cs
  /if ?><?cs /def ?><?cs
def:table_meta(base) ?>
<div class="table-meta">
  <span>共 <?cs var:Paging.Total ?> 条,第 <?cs var:Paging.Page ?>/<?cs var:Paging.Pages ?> 页</span>
  <span class="actions">
    <a class="btn btn-small" href="<?cs var:base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>format=csv">导出全部(CSV)</a>
    <a class="btn btn-small" href="<?cs var:base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>format=xlsx">导出全部(Excel)</a>
  </span>
</div><?cs /def ?><?cs
def:filter_input(name, type, label, value, err) ?>
  <div class="field<?cs if:err ?> has-error<?cs /if ?>">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>"<?cs
      if:type == "month" ?> placeholder="YYYY-MM"<?cs /if ?><?cs if:err ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs
      if:!Page.Focused ?> autofocus<?cs set:Page.Focused = 1 ?><?cs /if ?><?cs /if ?>><?cs
    if:err ?><span class="field-error" id="err-<?cs var:name ?>"><?cs var:err ?></span><?cs /if ?>
  </div><?cs /def ?><?cs
def:filter_select(name, label, options, value, err) ?>
  <div class="field<?cs if:err ?> has-error<?cs /if ?>">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <select id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:err ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs
      if:!Page.Focused ?> autofocus<?cs set:Page.Focused = 1 ?><?cs /if ?><?cs /if ?>>
      <option value="">全部</option><?cs
      each:o = options ?>
      <option value="<?cs var:o ?>"<?cs if:o == value ?> selected<?cs /if ?>><?cs var:o ?></option><?cs
      /each ?>
    </select><?cs
    if:err ?><span class="field-error" id="err-<?cs var:name ?>"><?cs var:err ?></span><?cs /if ?>
  </div><?cs /def ?><?cs
def:filter_buttons() ?>
  <div class="filter-actions">
  <button type="submit" class="btn btn-primary">查询</button>
  <button type="submit" class="btn" name="format" value="csv">导出CSV</button>
  <button type="submit" class="btn" name="format" value="xlsx">导出Excel</button>
  </div><?cs /def ?><?cs
def:table_end(cols, base) ?><?cs
  if:Empty.Text ?>
    <tr><td class="empty" colspan="<?cs var:cols ?>"><?cs var:Empty.Text ?></td></tr><?cs
  /if ?>
  </tbody>
</table>
</div><?cs call:pagination(base) ?><?cs /def ?>
