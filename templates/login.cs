<?cs include:"layout.cs" ?><?cs
# login.cs — the login form (GET /login, and POST /login after a failure).
# Reads: Page.Title, Form.UnitNo, Form.Operator (echo of what was typed), Form.Next (the local path to
# return to after the login, kept from next=), Msg.Kind/Msg.Text, Csrf, Today.
?><?cs call:page_head() ?>
<body class="public login-page">
<?cs call:site_header() ?>
<main id="main" class="login-main">
  <section class="login-card" aria-labelledby="login-title">
    <h1 id="login-title" class="login-title">单位登录</h1>
    <p class="login-lead">请使用单位编号和密码登录,办理职工医疗保险增员、减员、缴费申报和查询打印业务。</p><?cs
    call:msg_box() ?>
    <form class="login-form" method="post" action="/login" autocomplete="on">
      <?cs call:csrf_field() ?><?cs
      if:Form.Next ?>
      <input type="hidden" name="next" value="<?cs var:Form.Next ?>"><?cs
      /if ?>
      <div class="form-row stacked">
        <label for="unit_no">单位编号</label>
        <input type="text" id="unit_no" name="unit_no" value="<?cs var:Form.UnitNo ?>"
               maxlength="32" required<?cs if:!Form.UnitNo ?> autofocus<?cs /if ?> autocomplete="username"
               inputmode="latin" spellcheck="false">
      </div>
      <div class="form-row stacked">
        <label for="operator">账号 <span class="hint">(经办人填写;单位管理员不填)</span></label>
        <input type="text" id="operator" name="operator" value="<?cs var:Form.Operator ?>"
               maxlength="32" autocomplete="off" inputmode="latin" spellcheck="false">
      </div>
      <div class="form-row stacked">
        <label for="password">密码</label>
        <input type="password" id="password" name="password"
               maxlength="128" required<?cs if:Form.UnitNo ?> autofocus<?cs /if ?> autocomplete="current-password">
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-block">登录</button>
      </div>
    </form>
    <p class="hint login-hint">连续多次输入错误,账号将被暂时锁定。忘记密码请联系医保经办机构。</p>
  </section>
</main>
<?cs call:site_footer() ?>
</body>
</html>
