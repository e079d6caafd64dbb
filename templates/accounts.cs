<?cs include:"layout.cs" ?><?cs
# accounts.cs — 经办人账户管理 (GET/POST /accounts), the 管理员 only.
# Reads: Accounts.N.{Id, IsAdmin, Login, Name, Phone, Role, Disabled, MustChange, LastLogin},
#   Form.{Name, Login, Phone, Role}, Err.{name, login, phone, role}, plus layout.cs.
# Never a password hash; the initial password is only in Msg.Text, once.
?><?cs def:text_row(name, label, value, err, max, hint) ?>
  <div class="form-row<?cs if:err ?> has-error<?cs /if ?>">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>" maxlength="<?cs var:max ?>" autocomplete="off"<?cs call:invalid(name, err) ?>><?cs
    if:err ?>
    <span class="field-error" id="err-<?cs var:name ?>"><?cs var:err ?></span><?cs /if ?><?cs
    if:hint ?>
    <span class="hint"><?cs var:hint ?></span><?cs /if ?>
  </div><?cs
/def ?><?cs call:page_start() ?>
<p class="hint">管理员可为本单位的每位经办人开设账户:“经办人”可办理全部业务,“查询”只能查询、打印和导出。
  每次变更都记入“已审核数据查询”(经办人账户维护)。</p>
<div class="table-wrap" tabindex="0">
<table class="data-table accounts-table">
  <thead><tr>
    <th>账号</th><th>姓名</th><th>手机号</th><th>角色</th><th>状态</th><th>上次登录</th><th>操作</th>
  </tr></thead>
  <tbody><?cs
  each:a = Accounts ?>
    <tr data-account="<?cs var:a.Id ?>">
      <td><?cs if:a.IsAdmin ?>(登录时不填)<?cs else ?><?cs var:a.Login ?><?cs /if ?></td>
      <td><?cs var:a.Name ?></td>
      <td><?cs var:a.Phone ?></td>
      <td><?cs var:a.Role ?></td>
      <td><?cs if:a.Disabled ?>已停用<?cs elif:a.MustChange ?>待修改初始密码<?cs else ?>正常<?cs /if ?></td>
      <td><?cs var:a.LastLogin ?></td>
      <td class="actions"><?cs
      if:!a.IsAdmin ?><?cs
        if:a.Disabled ?>
        <form method="post" action="/accounts/<?cs var:a.Id ?>/enable" class="inline-form">
          <?cs call:csrf_field() ?><button type="submit" class="btn btn-small">启用</button></form><?cs
        else ?>
        <form method="post" action="/accounts/<?cs var:a.Id ?>/disable" class="inline-form">
          <?cs call:csrf_field() ?><button type="submit" class="btn btn-small btn-danger">停用</button></form><?cs
        /if ?>
        <form method="post" action="/accounts/<?cs var:a.Id ?>/reset" class="inline-form">
          <?cs call:csrf_field() ?><button type="submit" class="btn btn-small">重置密码</button></form><?cs
      /if ?></td>
    </tr><?cs
  /each ?>
  </tbody>
</table>
</div>
<form class="form form-section" method="post" action="/accounts">
  <?cs call:csrf_field() ?>
  <fieldset>
    <legend>新增经办人账户</legend>
    <?cs call:text_row("name", "姓名", Form.Name, Err.name, 30, "") ?>
    <?cs call:text_row("login", "账号", Form.Login, Err.login, 32, "字母和数字,本单位内不重复,登录时填写") ?>
    <?cs call:text_row("phone", "手机号", Form.Phone, Err.phone, 11, "11位手机号码") ?>
    <div class="form-row<?cs if:Err.role ?> has-error<?cs /if ?>">
      <label for="role">角色</label>
      <select id="role" name="role"<?cs call:invalid("role", Err.role) ?>>
        <option value="经办人"<?cs if:Form.Role != "查询" ?> selected<?cs /if ?>>经办人(办理全部业务)</option>
        <option value="查询"<?cs if:Form.Role == "查询" ?> selected<?cs /if ?>>查询(仅查询、打印、导出)</option>
      </select><?cs
      if:Err.role ?>
      <span class="field-error" id="err-role"><?cs var:Err.role ?></span><?cs /if ?>
    </div>
  </fieldset>
  <p class="hint">初始密码由系统生成,添加后仅显示一次;经办人首次登录须修改密码。</p>
  <div class="form-actions">
    <button type="submit" class="btn btn-primary">添加</button>
  </div>
</form>
<?cs call:page_end() ?>
