<?cs include:"layout.cs" ?><?cs
# error.cs — every error page (400, 403, 404, 405, 413, 500, 503 …).
# Reads: Error.Status, Error.Title, Error.Text, Page.Public (1 = no session: no menu),
# Error.Static (1 = nginx's own 413/502/504 pages, made at build time by
# cgi/error-pages: the session is unknown, so the link leads to /), plus what
# layout.cs reads. Page.Title may be empty: Error.Title is used then.
?><?cs if:!Page.Title ?><?cs set:Page.Title = Error.Title ?><?cs /if ?><?cs
set:Page.NoTitle = 1 ?><?cs
call:page_start() ?>
<section class="error-box" aria-labelledby="error-title"><?cs
  if:Error.Status ?>
  <p class="error-status">错误代码 <?cs var:Error.Status ?></p><?cs
  /if ?>
  <h1 id="error-title" class="error-title"><?cs
    if:Error.Title ?><?cs var:Error.Title ?><?cs else ?>出错了<?cs /if ?></h1><?cs
  if:Error.Text ?>
  <p class="error-text"><?cs var:Error.Text ?></p><?cs
  /if ?>
  <p class="error-actions"><?cs
  if:(Page.Public || !Session.UnitNo) && !Error.Static ?>
    <a class="btn btn-primary" href="/login">返回登录页</a><?cs
  else ?>
    <a class="btn btn-primary" href="/">返回首页</a><?cs
  /if ?>
  </p>
</section>
<?cs call:page_end() ?>
