<?cs include:"layout.cs" ?><?cs
# password.cs — 修改密码 (GET/POST /password).
# Reads: Account.{Login, Name}, Err.{old_password, new_password, new_password2}, plus layout.cs.
# The passwords typed are never written back into the page.
?><?cs def:pw_row(name, label, err, hint, ac) ?>
  <div class="form-row<?cs if:err ?> has-error<?cs /if ?>">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="password" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="64" autocomplete="<?cs var:ac ?>" required<?cs call:invalid(name, err) ?>><?cs
    if:err ?>
    <span class="field-error" id="err-<?cs var:name ?>"><?cs var:err ?></span><?cs /if ?><?cs
    if:hint ?>
    <span class="hint"><?cs var:hint ?></span><?cs /if ?>
  </div><?cs
/def ?><?cs call:page_start() ?>
<section class="panel">
  <dl class="kv">
    <dt>账号</dt><dd><?cs var:Account.Login ?></dd>
    <dt>姓名</dt><dd><?cs var:Account.Name ?></dd>
  </dl>
</section>
<form class="form form-section" method="post" action="/password">
  <?cs call:csrf_field() ?>
  <fieldset>
    <legend>修改密码</legend>
    <?cs call:pw_row("old_password", "原密码", Err.old_password, "", "current-password") ?>
    <?cs call:pw_row("new_password", "新密码", Err.new_password, "至少10位,包含大写字母、小写字母、数字、符号中的至少三类,不能包含单位编号或账号", "new-password") ?>
    <?cs call:pw_row("new_password2", "确认新密码", Err.new_password2, "", "new-password") ?>
  </fieldset>
  <p class="hint">修改成功后,本账号在其他电脑或浏览器上的登录将全部退出。</p>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary">确认修改</button>
  </div>
</form>
<?cs call:page_end() ?>
