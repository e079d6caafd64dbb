/*
 * messages — the ONE table of every user-visible string of the portal
 * (spec §1: "keep every user-visible message in one table in the code").
 *
 * Texts are UTF-8, Simplified Chinese, with half-width ! , : ( ) as the spec's
 * tables show them, and without the deck's 【】 quotation marks. The §5/§6
 * texts are exactly the spec's.
 *
 * Some texts are printf formats; msg_args() says which conversions they take,
 * in order ("" for a plain text, which then contains no '%'):
 *   "s"   one C string (a label, a time, an amount)
 *   "ss"  two C strings, in the text's order
 *   "zu"  one size_t (a line number)
 *   "d"   one int
 * Callers pass such texts to snprintf with exactly those arguments; plain
 * texts may be used as they are. Never put user input into a format.
 *
 * A few texts quote policy numbers (window days and hour, age limits, the
 * back-payment limit); msg_text() gives them for the default policy and
 * msg_policy_text() for a configured one.
 */
#ifndef PORTAL_RULES_MESSAGES_H
#define PORTAL_RULES_MESSAGES_H

#include <stddef.h>

struct policy;

/* X(name, text, args) — the table itself. */
#define MSG_LIST(X) \
    X(MSG_OK, "处理成功。", "") \
    /* ---- §5 参保登记 and §6 停保登记 (exact spec texts) ---- */ \
    X(MSG_WINDOW_CLOSED, "处理失败!当前不在申报期内(每月11日至次月6日17:00),请在申报期内办理!", "") \
    X(MSG_ID_INVALID, "处理失败!证件号码校验不通过!", "") \
    X(MSG_ENROLL_NEXT_MONTH, "处理失败!当月结算期之前,参保日期不可选择为下个月!", "") \
    X(MSG_ENROLL_LATER, "处理失败!参保时间不可晚于当前申报期所属月份!", "") \
    X(MSG_ENROLL_TOO_EARLY, "处理失败!补缴时间最长不超过当前时间的6个月!", "") \
    X(MSG_DUPLICATE_BASE, "该人员存在多条基础信息,请到柜台做人员合并", "") \
    X(MSG_ENROLL_AGE_WOMEN, "处理失败!女性50周岁不允许网办参保,请去统筹区医保局办理", "") \
    X(MSG_ENROLL_AGE_MEN, "处理失败!男性60周岁不允许网办参保,请去统筹区医保局办理", "") \
    X(MSG_ENROLL_FLEXIBLE, "处理失败!该人员存在灵活就业参保。请先办理停保!", "") \
    X(MSG_ENROLL_TRANSFERRED, "处理失败!该人员曾经做过转移,且在新单位下正常参保!", "") \
    X(MSG_ENROLL_INSURED_HERE, "处理失败!该人员在本单位下存在正常参保的险种,不允许新增!", "") \
    X(MSG_ENROLL_INSURED_ELSEWHERE, "处理失败!该人员在其他单位下存在正常参保的险种,不允许新增!", "") \
    X(MSG_ENROLL_OK_BACKPAID, "参保成功,补缴成功。后续请到“已审核数据查询”中查询信息", "") \
    X(MSG_ENROLL_OK_NO_BACKPAY, "参保成功,但补缴失败,没有查询到可以补收的时间段!", "") \
    X(MSG_STOP_END_DATE, "减员时间范围是:上月末或本月末!", "") \
    X(MSG_STOP_NO_BASE, "未获取到人员基础信息,无法办理!", "") \
    X(MSG_STOP_RETIREE, "处理失败!退休人员不允许停保。", "") \
    X(MSG_STOP_NOT_INSURED, "职工未在本单位下正常参保,无法办理!", "") \
    /* §10 input hygiene (exact spec text) */ \
    X(MSG_NAME_MISMATCH, "姓名与登记信息不一致!", "") \
    /* ---- our own texts for §5-§7 (the spec gives none) ---- */ \
    X(MSG_ENROLL_FLEXIBLE_HINT, "可通过个人网厅、江苏医保云APP在线办理中断,或至经办机构办理。", "") \
    X(MSG_ENROLL_TRANSFERRED_HINT, "该人员同时参加了当年度居民医保和职工医保,需分别办理暂停后再重新参保。", "") \
    X(MSG_ENROLL_DUP_IN_FILE, "处理失败!文件中该证件号码重复出现,仅处理第一次出现的行!", "") \
    X(MSG_WAGE_CLAMPED_LOWER, "月申报工资低于缴费基数下限,已按下限%s元申报。", "s") \
    X(MSG_WAGE_CLAMPED_UPPER, "月申报工资高于缴费基数上限,已按上限%s元申报。", "s") \
    X(MSG_STOP_OK, "减员成功。后续请到“已审核数据查询”中查询信息", "") \
    X(MSG_STOP_RESULT, "减员成功(减员时间:%s,减员原因:%s)", "ss") \
    X(MSG_WAGES_WINDOW_CLOSED, "当前不在工资年度申报期内,请在申报期内办理!", "") \
    X(MSG_SAVED, "保存成功。后续请到“已审核数据查询”中查询信息", "") \
    X(MSG_NO_CHANGE, "未修改任何信息", "") \
    X(MSG_NO_DATA, "没有查询到符合条件的数据。", "") \
    X(MSG_MONTH_RANGE, "开始年月不能晚于结束年月。", "") \
    X(MSG_RANGE_TOO_LONG, "查询范围最长为10年(120个月),请缩小范围后重新查询。", "") \
    X(MSG_DATE_RANGE, "开始日期不能晚于结束日期。", "") \
    X(MSG_BAD_FILTER, "查询条件有误,请按提示修改后重新查询。", "") \
    X(MSG_DECL_NONE_PENDING, "目前无需审核的业务。网上申报的业务均已即时审核通过,请到“已审核数据查询”中查询。", "") \
    X(MSG_WAGE_INVALID, "月申报工资请填写大于0的金额(单位:元,最多两位小数),如6000、6000.50或6,000。", "") \
    X(MSG_WAGE_NEGATIVE, "月申报工资不能为负数,请填写大于0的金额,如6000或6000.50。", "") \
    X(MSG_WAGE_DECIMALS, "月申报工资最多两位小数(到分),如6000.50。", "") \
    X(MSG_WAGE_TOO_LARGE, "月申报工资过大(最多99999999.99元),请核对后重新填写。", "") \
    X(MSG_QUERY_HINT, "后续请到“已审核数据查询”中查询信息", "") \
    X(MSG_BASE_AS_DECLARED, "按月申报工资核定", "") \
    X(MSG_DECL_NOT_FOUND, "该申报记录不存在,或不属于本单位。", "") \
    X(MSG_WINDOW_NEXT, "当前不在申报期内,暂不能提交申报。下一申报期自%s起开放,届时再来办理。", "s") \
    /* §7 信息变更 (issue 10): exact spec texts, then our own */ \
    X(MSG_INFO_CONFLICT, "信息已被他人修改,请刷新后重试", "") \
    X(MSG_WAGES_NEXT_WINDOW, "下一个工资年度申报期:%s至%s。", "ss") \
    X(MSG_WAGES_ROW_OK, "申报成功:%s年度月申报工资%s元。", "ss") \
    X(MSG_WAGES_REPLACED, "本申报期内此前申报的%s元已被替换。", "s") \
    X(MSG_WAGES_PROVISIONAL, "%s年度缴费基数上下限尚未公布,暂按上年标准核定(暂定)。", "s") \
    X(MSG_WAGES_CREATED, "工资申报文件已上传,正在后台处理。您可以离开本页面,稍后在“批量任务”中查看结果和未申报人员。", "") \
    X(MSG_INFO_PHONE, "%s格式不正确:请填写7至20位数字的固定电话(可含“-”),或以1开头的11位手机号码。", "s") \
    X(MSG_INFO_BANK_ACCOUNT, "%s格式不正确:请填写8至32位数字(不含空格)。", "s") \
    X(MSG_INFO_TOO_LONG, "%s内容过长,请删减后重新填写。", "s") \
    X(MSG_PERSON_READ_ONLY, "该人员当前未在本单位下正常参保,只能查看,不能修改信息。", "") \
    X(MSG_INFO_YEAR, "申报年度不正确,请刷新页面后重新上传。", "") \
    /* §7a beyond the deck (issue 11): exact spec texts, then our own */ \
    X(MSG_BACKPAY_DELETE_EARLIER, "仅可删除本申报期内产生的补缴记录", "") \
    X(MSG_BACKPAY_ADD_NONE, "补缴失败,没有查询到可以补收的时间段!", "") \
    X(MSG_BACKPAY_DELETE_NOT_FIRST, "处理失败!补缴删除须从该人员最早的补缴月份开始连续删除,以保持参保期间连续!", "") \
    X(MSG_BACKPAY_DELETE_NONE, "处理失败!所选月份没有可删除的补缴记录!", "") \
    X(MSG_BACKPAY_DELETE_OK, "补缴删除成功。后续请到“已审核数据查询”中查询信息", "") \
    X(MSG_BACKPAY_DELETE_RESULT, "补缴删除成功(删除%s至%s的补缴记录)", "ss") \
    X(MSG_BACKPAY_DELETE_EMPTY, "本申报期内本单位暂无可删除的补缴记录。", "") \
    X(MSG_BACKPAY_ADD_OK, "补缴成功。后续请到“已审核数据查询”中查询信息", "") \
    X(MSG_BACKPAY_ADD_RESULT, "单独补缴成功(补缴%s至%s,参保开始月份提前至补缴起始月份)", "ss") \
    X(MSG_ADJUST_LATE, "处理失败!调整起始月份不可晚于当前申报期所属月份!", "") \
    X(MSG_ADJUST_EARLY, "处理失败!调整起始月份不可早于上一年度1月!", "") \
    X(MSG_ADJUST_BEFORE_START, "处理失败!调整起始月份不可早于该人员在本单位的参保开始月份!", "") \
    X(MSG_ADJUST_OK, "基数调整成功。后续请到“已审核数据查询”中查询信息", "") \
    X(MSG_ADJUST_RESULT, "零星基数调整成功(自%s起月申报工资%s元)", "ss") \
    X(MSG_UNDO_NOT_REVERSIBLE, "处理失败!仅可撤销本申报期内的增员或减员申报,其他业务请按“反向操作”办理!", "") \
    X(MSG_UNDO_DONE, "处理失败!该申报已撤销,不能重复撤销!", "") \
    X(MSG_UNDO_NOT_THIS_PERIOD, "处理失败!仅可撤销本申报期内的申报,以前申报期的增员请办理减员或补缴删除!", "") \
    X(MSG_UNDO_GONE, "处理失败!该申报办理的参保记录已变更,无法撤销!", "") \
    X(MSG_UNDO_SETTLED, "处理失败!该增员已有结算的缴费月份,不可撤销,请办理减员!", "") \
    X(MSG_UNDO_ENROLLED_SINCE, "处理失败!该人员减员后已重新参保,不可撤销减员!", "") \
    X(MSG_UNDO_ENROL_RESULT, "撤销增员成功(申报编号%s的增员及其补缴记录已删除)", "s") \
    X(MSG_UNDO_STOP_RESULT, "撤销减员成功(申报编号%s的减员已撤销,参保状态恢复为参保缴费)", "s") \
    X(MSG_UNDO_WITHDRAWN, "该申报已撤销,见撤销申报:", "") \
    /* ---- batch files and jobs (§5, §7, §8) ---- */ \
    X(MSG_FILE_REQUIRED, "请选择要上传的文件。", "") \
    X(MSG_CSV_ENCODING, "无法识别文件编码,请在Excel中另存为“CSV UTF-8”或“CSV(逗号分隔)”格式后重新上传。", "") \
    X(MSG_CSV_HEADER, "文件第一行表头不正确,应为:%s。请下载模板后按模板填写。", "s") \
    X(MSG_CSV_EMPTY, "文件中没有数据,请填写后再上传。", "") \
    X(MSG_CSV_TOO_MANY_ROWS, "文件超过%d行,请拆分后分批上传。", "d") \
    X(MSG_CSV_BAD_ROW, "第%zu行格式不正确(列数不对或引号不配对),请检查后重新上传。", "zu") \
    X(MSG_JOB_CREATED, "文件已上传,正在后台处理。您可以离开本页面,稍后在“批量任务”中查看结果。", "") \
    X(MSG_JOB_NOT_FOUND, "该批量任务不存在或已过期(任务数据仅保存24小时)。", "") \
    X(MSG_JOB_DELETED, "批量任务已删除。", "") \
    X(MSG_JOB_EXPIRED, "该批量任务的数据已过期(数据记录仅保存24小时),无法再导出失败数据。", "") \
    X(MSG_JOB_ROWS_FAILED, "共%d条数据处理失败,请点击“导出失败数据”下载并查看失败原因,修改后可直接重新上传(数据记录仅保存24小时)。", "d") \
    X(MSG_CSV_CELL_TOO_LONG, "第%zu行有单元格内容过长,超出了允许的长度,请检查该行后重新上传。", "zu") \
    X(MSG_UPLOAD_ONE_FILE, "一次只能上传一个文件,请只选择一个文件后重新上传。", "") \
    X(MSG_EXPORT_TYPE_UNKNOWN, "险种不正确,请从列表中选择(全部险种请选“全部”)。", "") \
    X(MSG_EXPORT_CREATED, "导出任务已提交,正在后台生成文件。您可以离开本页面,完成后在本页面或“批量任务”中点击“导出”下载(文件仅保存24小时)。", "") \
    X(MSG_EXPORT_NOT_DONE, "导出文件尚未生成完毕,请稍后刷新本页面,完成后再点击“导出”下载。", "") \
    X(MSG_EXPORT_EXPIRED, "该导出文件已过期(仅保存24小时),请重新提交导出。", "") \
    X(MSG_XLSX_INVALID, "文件不是有效的Excel工作簿(.xlsx),无法读取。请在Excel中另存为“Excel工作簿(*.xlsx)”或“CSV UTF-8”格式后重新上传。", "") \
    X(MSG_XLSX_NO_SHEET, "Excel文件中没有找到工作表,请在第一个工作表中按模板填写后重新上传。", "") \
    X(MSG_XLSX_ENCRYPTED, "Excel文件已加密(设置了打开密码),无法读取。请在Excel中取消密码保护后重新上传。", "") \
    X(MSG_XLS_OLD, "不支持旧版Excel文件(.xls)。请在Excel中另存为“Excel工作簿(*.xlsx)”或“CSV UTF-8”格式后重新上传。", "") \
    X(MSG_XLSX_TOO_LARGE, "Excel文件解压后过大(超过64MB或超过10000个内部文件),无法处理,请只保留需要上传的数据后重新保存上传。", "") \
    X(MSG_XLSX_DAMAGED, "Excel文件内容已损坏或包含不支持的内容,无法读取。请在Excel中重新另存为“Excel工作簿(*.xlsx)”后上传。", "") \
    X(MSG_XLSX_BAD_STRING, "Excel文件第%zu行引用了不存在的文本内容,文件已损坏。请在Excel中重新另存为“Excel工作簿(*.xlsx)”后上传。", "zu") \
    X(MSG_XLSX_TOO_MANY_COLS, "Excel文件第%zu行的列数超过了模板的列数,请按模板填写后重新上传。", "zu") \
    X(MSG_ID_EXCEL_NUMBER_CELL, "证件号码单元格被Excel存成了数字(如3.20501E+17),末尾数字已丢失。请将证件号码列设置为“文本”格式,重新填写该证件号码后上传。", "") \
    /* ---- runtime ---- */ \
    X(MSG_LOGIN_FAILED, "单位编号或密码不正确,请重新输入。", "") \
    X(MSG_LOGIN_LOCKED_UNIT, "该单位登录失败次数过多,已暂时锁定,请于%s后再试。", "s") \
    X(MSG_LOGIN_REQUIRED, "请先登录。", "") \
    X(MSG_SESSION_EXPIRED, "登录已超时,请重新登录。", "") \
    X(MSG_LOGGED_OUT, "您已安全退出。", "") \
    X(MSG_CSRF, "页面已失效,请返回刷新页面后重新提交。", "") \
    X(MSG_BAD_REQUEST, "请求参数有误,请从菜单重新进入该页面后再试。", "") \
    X(MSG_NOT_FOUND, "您访问的页面不存在。", "") \
    X(MSG_METHOD, "不支持该请求方式。", "") \
    X(MSG_FORBIDDEN, "您无权访问该页面。", "") \
    X(MSG_INTERNAL, "系统繁忙,请稍后再试。如多次出现,请联系医保经办机构。", "") \
    X(MSG_DB_DOWN, "数据库暂时无法连接,请稍后再试。", "") \
    X(MSG_TOO_LARGE, "上传的文件过大,请拆分后再上传。", "") \
    X(MSG_NOT_OPEN, "该功能尚未开放,敬请期待。", "") \
    X(MSG_FIELD_REQUIRED, "请填写%s。", "s") \
    X(MSG_FIELD_INVALID, "%s格式不正确。", "s") \
    X(MSG_ID_EXCEL_MANGLED, "第%zu行证件号码已被Excel转换为数字(如3.20501E+17),末尾数字已丢失。请将证件号码列设置为“文本”格式后重新填写并上传。", "zu") \
    X(MSG_TITLE_400, "请求有误", "") \
    X(MSG_TITLE_403, "无权访问", "") \
    X(MSG_TITLE_404, "页面不存在", "") \
    X(MSG_TITLE_405, "请求方式有误", "") \
    X(MSG_TITLE_413, "文件过大", "") \
    X(MSG_TITLE_500, "系统繁忙", "") \
    X(MSG_TITLE_503, "服务暂不可用", "") \
    X(MSG_TEXT_FORBIDDEN, "%s含有不允许的控制字符或文字方向控制字符,请删除后重新填写。", "s") \
    X(MSG_LOGIN_DELAYED, "本机登录该单位失败次数较多,请于%s后再试。", "s") \
    X(MSG_TITLE_413_FORM, "提交的内容过长", "") \
    X(MSG_FORM_TOO_LARGE, "提交的内容超过了允许的长度,未被受理。请检查填写的内容后重新提交。", "") \
    X(MSG_FIELDS_FAILED, "处理失败!请按标出的提示修改后重新提交。", "") \
    /* ---- nginx's own error pages (static/errors/, made by cgi/error-pages/main.c) ---- */ \
    X(MSG_TITLE_UPLOAD_413, "上传的文件过大", "") \
    X(MSG_UPLOAD_TOO_LARGE, "上传的文件超过了允许的大小,未被受理。请将文件拆分为几个较小的文件后分别上传,或删除文件中的空行和多余的列后重试。", "") \
    X(MSG_TITLE_502, "服务暂时不可用", "") \
    X(MSG_BAD_GATEWAY, "系统正在维护或暂时繁忙,您的请求未能处理。请稍等片刻后刷新页面重试;如多次出现,请联系医保经办机构。已提交的申报以“已审核数据查询”中的记录为准。", "") \
    X(MSG_TITLE_504, "服务响应超时", "") \
    X(MSG_GATEWAY_TIMEOUT, "系统处理时间过长,未能在规定时间内返回结果。请稍后到“已审核数据查询”或“批量任务”中确认业务是否已经办理,确认未办理后再重新提交,避免重复申报。", "") \
    X(MSG_TITLE_414, "网址过长", "") \
    X(MSG_URI_TOO_LONG, "请求的网址过长,未被受理。请从菜单重新进入该页面;查询条件较多时,请减少条件后重试。", "") \
    /* ---- 业务查询 (§9 items 1-3) ---- */ \
    X(MSG_PAYMENTS_NONE, "该费款所属期无缴费记录", "") \
    X(MSG_PERSON_NOT_OF_UNIT, "未查询到本单位该人员的参保信息", "") \
    X(MSG_PERSON_NO_PAYMENTS, "近12个月无本单位为该人员缴费的记录。", "") \
    X(MSG_UNIT_NO_TYPES, "本单位暂无参保险种。", "") \
    X(MSG_QUERY_CHOOSE, "请选择查询条件后点击“查询”。", "") \
    /* ---- 报表打印 (§9 reports) and /verify ---- */ \
    X(MSG_VERIFY_HINT, "请输入参保证明上的12位核验码。", "") \
    X(MSG_VERIFY_OK, "该参保证明真实有效,内容如下。", "") \
    X(MSG_VERIFY_UNKNOWN, "未查询到有效的参保证明。请核对核验码(12位,参保证明制表之日起180天内有效)后重新输入。", "") \
    X(MSG_VERIFY_DELAYED, "本机核验失败次数较多,请于%s后再试。", "s") \
    /* ---- 经办人账户 and /password (§7b) ---- */ \
    X(MSG_ROLE_REFUSED, "当前账号无权办理此业务", "") \
    X(MSG_PW_OLD_WRONG, "原密码不正确。", "") \
    X(MSG_PW_TOO_SHORT, "新密码至少10位。", "") \
    X(MSG_PW_CLASSES, "新密码须包含大写字母、小写字母、数字、符号中的至少三类。", "") \
    X(MSG_PW_HAS_UNIT_NO, "新密码不能包含单位编号。", "") \
    X(MSG_PW_HAS_LOGIN, "新密码不能包含账号。", "") \
    X(MSG_PW_MISMATCH, "两次输入的新密码不一致。", "") \
    X(MSG_PW_TOO_LONG, "新密码不能超过64位。", "") \
    X(MSG_PW_CHANGED, "密码已修改。本账号在其他地方的登录已退出。", "") \
    X(MSG_PW_FIRST, "您正在使用初始密码,请先修改密码后再办理业务。", "") \
    X(MSG_ACC_LOGIN_BAD, "账号只能由字母和数字组成,最多32位。", "") \
    X(MSG_ACC_LOGIN_TAKEN, "本单位已有该账号,请换一个账号。", "") \
    X(MSG_ACC_PHONE_BAD, "手机号应为以1开头的11位数字。", "") \
    X(MSG_ACC_ROLE_BAD, "请选择角色(经办人或查询)。", "") \
    X(MSG_ACC_NOT_FOUND, "未找到本单位的该经办人账户。", "") \
    X(MSG_ACC_ADDED, "经办人账户%s已添加。初始密码(仅显示这一次,请转告本人,首次登录须修改):%s", "ss") \
    X(MSG_ACC_RESET, "账户%s的密码已重置,其登录已全部退出。新的初始密码(仅显示这一次,首次登录须修改):%s", "ss") \
    X(MSG_ACC_DISABLED, "账户%s已停用,其登录已全部退出。", "s") \
    X(MSG_ACC_ENABLED, "账户%s已启用。", "s") \
    X(MSG_ACC_ADMIN_FIXED, "管理员账户不能停用,也不能在此重置密码(请用“修改密码”)。", "") \
    /* ---- 基础信息核查 (§7b) ---- */ \
    X(MSG_CHECK_ELSEWHERE, "该人员同时在其他单位正常参保,请到柜台核实", "") \
    X(MSG_CHECK_PAST_RETIREMENT, "该人员已超过法定退休年月仍在职参保,请办理减员,或到柜台办理退休", "") \
    X(MSG_CHECK_WAGE_LIMITS, "月申报工资超出本年度缴费基数上下限,按上下限计算(仅供参考)", "") \
    X(MSG_CHECK_PHONE, "联系电话未登记或格式不正确,请在参保人员信息维护中更正", "") \
    X(MSG_CHECK_CIVIL_SERVANT, "本单位不是机关事业单位,不应参加公务员医疗保险,请到柜台核实", "") \
    X(MSG_CHECK_NONE, "未发现需要处理的基础信息问题。", "") \
    X(MSG_CHECK_T_DUP_BASE, "多条基础信息", "") \
    X(MSG_CHECK_T_ELSEWHERE, "在其他单位同时参保", "") \
    X(MSG_CHECK_T_PAST_RETIREMENT, "超过法定退休年月", "") \
    X(MSG_CHECK_T_WAGE_LIMITS, "月申报工资超出上下限", "") \
    X(MSG_CHECK_T_PHONE, "联系电话缺失或有误", "") \
    X(MSG_CHECK_T_CIVIL_SERVANT, "非机关事业单位参加公务员医疗保险", "") \
    X(MSG_CERT_OPERATOR, "单位网厅", "")

#define MSG_ENUM_(name, text, args) name,
enum msg_id {
    MSG_LIST(MSG_ENUM_)
    MSG__MAX
};
#undef MSG_ENUM_

/* The text (static storage, never NULL): an unknown id gives MSG_INTERNAL's. */
const char *msg_text(enum msg_id id);
/* The printf conversions the text takes ("", "s", "zu", "d"); never NULL. */
const char *msg_args(enum msg_id id);
/* "MSG_OK", ... for logs and tests; "MSG_?" for an unknown id. */
const char *msg_name(enum msg_id id);

/*
 * snprintf of a format text with its arguments (exactly those msg_args()
 * lists), so that callers need no non-literal format of their own:
 *   msg_format(buf, sizeof buf, MSG_FIELD_REQUIRED, "月申报工资")
 * 0 on success, -1 when it does not fit in n bytes (buf then holds "" if
 * n > 0) or buf is NULL.
 */
int msg_format(char *buf, size_t n, enum msg_id id, ...);

/*
 * The text with the numbers of policy p (NULL: the default policy) for
 * MSG_WINDOW_CLOSED (days and hour), MSG_ENROLL_AGE_WOMEN/MEN (age limits)
 * and MSG_ENROLL_TOO_EARLY (back-payment months); any other id is copied as
 * msg_text() gives it. 0 on success, -1 when it does not fit in n bytes (buf
 * then holds "" if n > 0). MSG_TEXT_MAX is always enough.
 */
#define MSG_TEXT_MAX 512
int msg_policy_text(enum msg_id id, const struct policy *p, char *buf, size_t n);

/* text (a stored result message) without the pointer to 已审核数据查询
 * (MSG_QUERY_HINT) it may end with, for showing it on that page itself:
 * "参保成功,补缴成功。后续请到…中查询信息" -> "参保成功,补缴成功。". Any
 * other text is copied as it is; truncated to n-1 bytes. */
void msg_without_query_hint(const char *text, char *buf, size_t n);

/* "处理失败!当前不在申报期内(每月11日至次月6日17:00),请在申报期内办理!"
 * with the policy's open day, close day and close hour; as msg_policy_text. */
int msg_window_closed(const struct policy *p, char *buf, size_t n);

#endif
