<?cs
# paging.cs — table pages' shared parts. pagination(base): the page links
# under a table (Paging.{Page, Pages, Prev, Next}, Filter.Query);
# table_meta(base): the row count and the CSV link above it.
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
  <a class="btn btn-small" href="<?cs var:base ?>?<?cs if:Filter.Query ?><?cs var:Filter.Query ?>&amp;<?cs /if ?>format=csv">导出全部(CSV)</a>
</div><?cs /def ?>