<?cs include:"layout.cs" ?><?cs
# notyet.cs — a menu item whose page is not built yet (尚未开放).
# Reads: Page.Title (the menu item's name), Page.Key, Error.Text
# ("该功能尚未开放,敬请期待。"), plus what layout.cs reads.
?><?cs call:page_start() ?>
<section class="notice-box">
  <p class="notice"><?cs
  if:Error.Text ?><?cs var:Error.Text ?><?cs else ?>该功能尚未开放,敬请期待。<?cs /if ?></p>
  <p><a class="btn" href="/">返回首页</a></p>
</section>
<?cs call:page_end() ?>
