<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjustmentDialog</name>
    <message>
        <source>New adjustment of {group}</source>
        <translation>调整{group}成员</translation>
    </message>
    <message>
        <source>Correction of {number}</source>
        <translation>更正{number}</translation>
    </message>
    <message>
        <source>Correcting {number} of {date}: record, under the correcting document, who joins, leaves or changes so that the group stands as the correction says. {number} stays in the history, marked corrected.</source>
        <translation>更正{date}的{number}：请按更正文件，填写增补、免去或变更的人员，使领导小组组成与更正后一致。{number}仍保留在调整记录中，标为已更正。</translation>
    </message>
    <message>
        <source>Members to add</source>
        <translation>新增成员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Delete row</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <source>Members to remove (tick those who leave)</source>
        <translation>退出成员（勾选退出的人员）</translation>
    </message>
    <message>
        <source>Changes of post or role</source>
        <translation>职务或职务类别变更</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>新职务类别</translation>
    </message>
    <message>
        <source>New post</source>
        <translation>新职务</translation>
    </message>
    <message>
        <source>New unit</source>
        <translation>新单位</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>（不变）</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <source>Not recorded: {problems}</source>
        <translation>未记录：{problems}</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Manual score…</source>
        <translation>评分…</translation>
    </message>
    <message>
        <source>Bonus…</source>
        <translation>加分…</translation>
    </message>
    <message>
        <source>Penalty…</source>
        <translation>扣分…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Notice of results…</source>
        <translation>考核结果通报…</translation>
    </message>
    <message>
        <source>Self-evaluation…</source>
        <translation>自评报告…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Worth</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>How</source>
        <translation>计分说明</translation>
    </message>
    <message>
        <source>Published {0} by {1}: locked</source>
        <translation>已于{0}由{1}发布，已锁定</translation>
    </message>
    <message>
        <source>Not published</source>
        <translation>未发布</translation>
    </message>
    <message>
        <source>Withdraw publication…</source>
        <translation>撤销发布…</translation>
    </message>
    <message>
        <source>Publish results</source>
        <translation>发布结果</translation>
    </message>
    <message>
        <source>Withdraw publication</source>
        <translation>撤销发布</translation>
    </message>
    <message>
        <source>Why are the published results opened again?</source>
        <translation>为什么要撤销已发布的考核结果？</translation>
    </message>
    <message>
        <source>Export Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Save the document</source>
        <translation>保存文件</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>已生成：{0}</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>正在生成</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Change history</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>&amp;Data:</source>
        <translation>数据(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>报告期(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>操作人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>起(&amp;F)：</translation>
    </message>
    <message>
        <source>Only changes made on or after this day</source>
        <translation>只列出该日及以后的变更</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>止(&amp;T)：</translation>
    </message>
    <message>
        <source>Only changes made on or before this day</source>
        <translation>只列出该日及以前的变更</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the history again (F5)</source>
        <translation>重新读取变更记录（F5）</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>导出为Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Write every change that matches the filters, not only those listed, to an Excel workbook</source>
        <translation>把符合筛选条件的全部变更（不只是列出的）写入Excel工作簿</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>No change has been recorded yet.</source>
        <translation>尚无变更记录。</translation>
    </message>
    <message>
        <source>No change matches the filters.</source>
        <translation>没有符合筛选条件的变更。</translation>
    </message>
    <message>
        <source>The newest {shown} of {total} changes are listed: narrow the filters to see older ones. Export writes all {total}.</source>
        <translation>共{total}条变更，列出最新的{shown}条；如需查看更早的，请缩小筛选范围。导出时写入全部{total}条。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s), newest first</source>
        <translation>
            <numerusform>共%n条变更，最新的在前</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason: </source>
        <translation>事由：</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>change-history</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>Export the change history as</source>
        <translation>变更记录导出为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Reading the change history…</source>
        <translation>正在读取变更记录…</translation>
    </message>
    <message>
        <source>Writing {done} of {total} changes…</source>
        <translation>正在写入第{done}条，共{total}条…</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message>
        <source>Exporting the change history</source>
        <translation>正在导出变更记录</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Last change no.</source>
        <translation>最后修改序号</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>Change history…</source>
        <translation>变更记录…</translation>
    </message>
    <message>
        <source>Taken automatically at start when the data changed since the last backup, before every import, submission and upgrade; listed by the last change they hold, not by the clock. The newest 20 are kept, and one a month for a year. Folder: %1</source>
        <translation>启动时若数据自上次备份后有改动即自动备份，每次导入、报送和升级前也自动备份；按备份所含的最后一次修改排列，不按时钟。保留最近20份，另按月各保留一份，保留一年。备份文件夹：%1</translation>
    </message>
    <message>
        <source>Backed up: %1</source>
        <translation>已备份：%1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>Database check</source>
        <translation>数据库检查</translation>
    </message>
    <message>
        <source>The database is sound.</source>
        <translation>数据库完好。</translation>
    </message>
    <message>
        <source>The check found problems; see the details.</source>
        <translation>检查发现问题，详见“详细信息”。</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Put the backup taken %1 in place of the database?

The database as it is now is kept as a backup first, so this can be undone. qdesk reopens the database afterwards.</source>
        <translation>用%1的备份替换当前数据库吗？

当前数据库会先保存为一份备份，因此可以撤销。恢复后qdesk将重新打开数据库。</translation>
    </message>
</context>
<context>
    <name>CellContextPanel</name>
    <message>
        <source>Last figures</source>
        <translation>近4期数值</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>上年同期</translation>
    </message>
    <message>
        <source>Changes of this figure</source>
        <translation>本项数据的修改记录</translation>
    </message>
    <message>
        <source>Choose a figure to see its history.</source>
        <translation>选中一项数据，查看其以往数值和修改记录。</translation>
    </message>
    <message>
        <source>Unlikely: %1</source>
        <translation>数据存疑：%1</translation>
    </message>
    <message>
        <source>Not changed since it was first entered, or never entered.</source>
        <translation>尚未填报，或填报后未曾修改。</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>entered: %1</source>
        <translation>填报：%1</translation>
    </message>
    <message>
        <source>why: %1</source>
        <translation>原因：%1</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>报告期</translation>
    </message>
</context>
<context>
    <name>Damaged</name>
    <message>
        <source>The database file is damaged, and there is no sound backup of it. Make no changes: copy the file somewhere safe and ask for help.</source>
        <translation>数据库文件已损坏，且没有完好的备份。请不要做任何修改：先把该文件复制到安全的地方，再寻求技术支持。</translation>
    </message>
    <message>
        <source>The database file is damaged. qdesk can put the newest sound backup, taken %1, in its place; the damaged file is kept beside the backups. Figures entered since then must be entered again.

Restore that backup now?</source>
        <translation>数据库文件已损坏。qdesk可以用最近一份完好的备份（%1）替换它，损坏的文件会保存在备份文件夹中。此后录入的数据需要重新录入。

现在恢复该备份吗？</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>The day the reporting calendar and the year-to-date progress are read for. Choosing a period moves it to the day after the period ends; Today brings it back.</source>
        <translation>报送日历和年度累计进度的参照日期。选择报告期后自动移到该期结束后的第一天；点“今天”恢复。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>未填报</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应报日期</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>报告期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>无此项</translation>
    </message>
    <message>
        <source>Reported with nothing to count this period: neither met nor not met</source>
        <translation>已填报，但本期无可统计的对象：既不算达标，也不算未达标</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>报送情况</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>报送日期</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Mark the selected unit&apos;s package reviewed (已审核)</source>
        <translation>将所选单位的数据包标记为已审核</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Send the selected unit&apos;s package back with the reason: its next package is the correction</source>
        <translation>说明理由后退回所选单位的数据包，其下一个数据包即为更正</translation>
    </message>
    <message>
        <source>Remind…</source>
        <translation>催报…</translation>
    </message>
    <message>
        <source>A notice (催报通知) to the units that have not reported for the period or whose package was returned</source>
        <translation>向本期未报送或数据包被退回的单位发出催报通知</translation>
    </message>
    <message>
        <source>The charts are drawn when the page is shown.</source>
        <translation>打开本页时绘制图表。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>报告期：</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>截至：</translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source> (late: %1; missing: %2)</source>
        <translation>（逾期：%1；未报送：%2）</translation>
    </message>
    <message>
        <source>Returned, waiting for the correction: %1</source>
        <translation>已退回，待重报：%1</translation>
    </message>
    <message>
        <source>Writing the reminder</source>
        <translation>正在生成催报通知</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1等，另有%n个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n indicator(s) are entered for a longer period and shown in this period&apos;s report (an annual one in the fourth quarter&apos;s).</source>
        <translation>
            <numerusform>%n 项指标按更长的报告期填报（如年度指标），计入本期报告，不在本期填报。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n indicator(s) are rolled up from their shorter periods.</source>
        <translation>
            <numerusform>%n 项指标由其各季度（半年）数据汇总。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n indicator(s) of the plan are not reported for this period.</source>
        <translation>
            <numerusform>方案中有 %n 项指标本期不填报。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not met or behind target: %n</source>
        <translation>
            <numerusform>未达标或进度滞后：%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>behind target for the year</source>
        <translation>年度进度滞后</translation>
    </message>
    <message>
        <source>Reporting calendar on {day}: {overdue} overdue, {soon} due soon</source>
        <translation>报送日历（{day}）：逾期 {overdue} 项，即将到期 {soon} 项</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已报送</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Copy picture</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Save picture as…</source>
        <translation>另存为图片…</translation>
    </message>
    <message>
        <source>The charts are copied: paste them into the document.</source>
        <translation>图表已复制，可粘贴到文稿中。</translation>
    </message>
    <message>
        <source>Save the charts as</source>
        <translation>图表另存为</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>The plan has no rate indicators to chart.</source>
        <translation>方案中没有可绘图的比率指标。</translation>
    </message>
    <message>
        <source>No figures entered</source>
        <translation>尚未填报数据</translation>
    </message>
    <message>
        <source>{name}: quarter by quarter</source>
        <translation>{name}：逐季走势</translation>
    </message>
    <message>
        <source>No subordinate units</source>
        <translation>没有下级单位</translation>
    </message>
    <message>
        <source>Units, {period}: the lowest {shown} of {count}</source>
        <translation>各单位，{period}：{count}个中最低的{shown}个</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Returns from subordinate units: %1 on time, %2 late, %3 missing</source>
        <translation>下级单位报送：按时 %1 个，逾期 %2 个，未报送 %3 个</translation>
    </message>
    <message numerus="yes">
        <source>%n indicator(s) are 无此项 this period.</source>
        <translation>
            <numerusform>%n 项指标本期无此项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every indicator of the plan is entered for this period.</source>
        <translation>方案中全部指标本期均需填报。</translation>
    </message>
    <message>
        <source>{unit} (red mark: the unit&apos;s target)</source>
        <translation>{unit}（红线为该单位目标）</translation>
    </message>
    <message>
        <source>Units, {period}</source>
        <translation>各单位，{period}</translation>
    </message>
</context>
<context>
    <name>DeadlineRow</name>
    <message>
        <source>No deadline</source>
        <translation>不设报送期限</translation>
    </message>
    <message>
        <source>After the period ends:</source>
        <translation>期满后</translation>
    </message>
    <message>
        <source>Every year on:</source>
        <translation>每年</translation>
    </message>
    <message>
        <source> (day)</source>
        <translation>日</translation>
    </message>
    <message>
        <source>month </source>
        <translation>第</translation>
    </message>
    <message>
        <source> after it</source>
        <translation>个月</translation>
    </message>
    <message>
        <source> (month)</source>
        <translation>月</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Manual score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>加分</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
</context>
<context>
    <name>DocumentFields</name>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Document n&amp;umber:</source>
        <translation>文号(&amp;U)：</translation>
    </message>
    <message>
        <source>The notice&apos;s number, e.g. {example}</source>
        <translation>通知的文号，例如 {example}</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>事由(&amp;E)：</translation>
    </message>
    <message>
        <source>e.g. changes of personnel</source>
        <translation>例如 人事变动</translation>
    </message>
</context>
<context>
    <name>EntryModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Numerator</source>
        <translation>分子</translation>
    </message>
    <message>
        <source>Denominator</source>
        <translation>分母</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参照值</translation>
    </message>
    <message>
        <source>A rate is computed from its numerator and denominator</source>
        <translation>比率由分子和分母计算得出</translation>
    </message>
    <message>
        <source>The unit&apos;s own target where it has one, else the plan&apos;s</source>
        <translation>有单位自有目标时用自有目标，否则用方案目标</translation>
    </message>
    <message>
        <source>The figure a target such as 高于全省平均 is judged against, the same for every unit: entered on the office&apos;s own unit</source>
        <translation>“高于全省平均”一类目标所比较的数值，各单位相同，在本级单位填写</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>未填报</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>本期不填报</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Unlikely figure: %1. It can be saved with an explanation, kept as its note.</source>
        <translation>数据存疑：%1。说明原因后可以保存，说明作为该项备注保存。</translation>
    </message>
    <message>
        <source>Computed: numerator / denominator × 100</source>
        <translation>自动计算：分子 ÷ 分母 × 100</translation>
    </message>
    <message>
        <source>A whole number, %1</source>
        <translation>整数，%1</translation>
    </message>
    <message>
        <source>1 (yes) or 0 (no)</source>
        <translation>1（是）或 0（否）</translation>
    </message>
    <message>
        <source>A number, %1</source>
        <translation>数字，%1</translation>
    </message>
    <message>
        <source>The office&apos;s reference figure for the period; it is entered on the office&apos;s own unit</source>
        <translation>本级单位填写的本期参照值，在本级单位修改</translation>
    </message>
    <message>
        <source>The reference figure for the period, %1 (e.g. the province&apos;s average)</source>
        <translation>本期参照值，单位%1（如全省平均水平）</translation>
    </message>
    <message>
        <source>The unit&apos;s own target; the plan&apos;s is %1</source>
        <translation>单位自有目标；方案目标为 %1</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <source>edit figures</source>
        <translation>编辑数据</translation>
    </message>
    <message>
        <source>Filter by code or name (Ctrl+F)</source>
        <translation>按代码或名称筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>History</source>
        <translation>以往数据</translation>
    </message>
    <message>
        <source>Show or hide the current figure&apos;s last figures and history beside the grid</source>
        <translation>在表格旁显示或隐藏当前数据的以往数值和修改记录</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>报告期(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>Data entry</source>
        <translation>数据填报</translation>
    </message>
    <message>
        <source>Locked: %1 has been submitted. Its figures can be read here but not changed; to correct them, unlock it (with a reason) first.</source>
        <translation>已锁定：%1 已报送，数据只能查看、不能修改；如需更正，请先解锁（需说明理由）。</translation>
    </message>
    <message>
        <source>Locked: %1 has been submitted, so the figures of %2 can be read here but not changed; to correct them, unlock %1 (with a reason) first.</source>
        <translation>已锁定：%1 已报送，%2 的数据只能查看、不能修改；如需更正，请先解锁 %1（需说明理由）。</translation>
    </message>
    <message>
        <source>%1 is unlocked: correct the figures, then submit it again (it is marked as a correction).</source>
        <translation>%1已解锁：请更正数据后重新报送（将标注为更正）。</translation>
    </message>
    <message>
        <source>Unsaved figures</source>
        <translation>数据未保存</translation>
    </message>
    <message>
        <source>The figures of %1, %2 are not saved. Save them?</source>
        <translation>%1 %2 的数据尚未保存，是否保存？</translation>
    </message>
    <message>
        <source>Not applicable this period: counted neither as met nor as not met, and left out of every roll-up</source>
        <translation>本期无此项：不计入达标、未达标，也不参与汇总</translation>
    </message>
    <message>
        <source>No indicator of the plan is entered for %1: quarterly indicators are entered per quarter, annual ones per year.</source>
        <translation>%1 没有需要填报的指标：季度指标按季度填报，年度指标按年度填报。</translation>
    </message>
    <message>
        <source>%1 of %2 indicators entered</source>
        <translation>已填报 %1 / %2 项指标</translation>
    </message>
    <message>
        <source> · %1 rows changed, not saved</source>
        <translation> · %1 行已修改，尚未保存</translation>
    </message>
    <message>
        <source>Not saved: correct the cells in red first (%1)</source>
        <translation>未保存：请先更正红色单元格（%1）</translation>
    </message>
    <message>
        <source>Not saved: the unlikely figures (%1) are kept only with an explanation</source>
        <translation>未保存：存疑数据（%1）须说明原因后才能保存</translation>
    </message>
    <message>
        <source>Saved. Figures written: %1</source>
        <translation>已保存，写入 %1 项数据</translation>
    </message>
    <message>
        <source> · reference figures saved</source>
        <translation>，参照值已保存</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <source>Not applicable this period (无此项)</source>
        <translation>本期无此项</translation>
    </message>
    <message>
        <source>A yes/no indicator is never 无此项: enter yes (是) or no (否)</source>
        <translation>“是/否”类指标不存在“无此项”，请填写“是”或“否”</translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <source>Explain unlikely figures</source>
        <translation>说明存疑数据</translation>
    </message>
    <message>
        <source>These figures are far from the unit&apos;s own history, or break a rule of the plan. Check them; to save them as they are, say why. The explanation is kept as the figure&apos;s note and printed in the report&apos;s 备注.</source>
        <translation>以下数据与本单位以往数据相差较大，或不符合方案的校验规则。请核对；确认无误要照此保存的，请说明原因。说明作为该项数据的备注保存，并印在报告的“备注”栏。</translation>
    </message>
    <message>
        <source>Why the figure is right</source>
        <translation>数据无误的原因</translation>
    </message>
    <message>
        <source>Or one explanation for every figure above</source>
        <translation>或为以上各项填写同一说明</translation>
    </message>
    <message>
        <source>Save with explanations</source>
        <translation>说明并保存</translation>
    </message>
    <message>
        <source>Not saved: explain %1, or give one explanation for all.</source>
        <translation>未保存：请说明%1的原因，或为各项填写同一说明。</translation>
    </message>
</context>
<context>
    <name>FigureChangesDialog</name>
    <message>
        <source>Figures the import would change: %1</source>
        <translation>导入将修改的已有数据（%1条）</translation>
    </message>
    <message>
        <source>The import would change %1 figure(s) already stored. Import anyway?</source>
        <translation>导入将修改已有数据%1条，是否继续？</translation>
    </message>
    <message>
        <source>The change history keeps every old figure.</source>
        <translation>原有数据均保留在变更记录中。</translation>
    </message>
    <message>
        <source>Import anyway</source>
        <translation>继续导入</translation>
    </message>
    <message>
        <source>Copy the list</source>
        <translation>复制清单</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>Leading group</source>
        <translation>领导小组</translation>
    </message>
    <message>
        <source>No leading group yet</source>
        <translation>尚未建立领导小组</translation>
    </message>
    <message>
        <source>Name the group and the unit its office sits in; then record the document that founds it as its first adjustment.</source>
        <translation>请填写领导小组名称和办公室所在单位，然后把成立领导小组的文件记录为第一次调整。</translation>
    </message>
    <message>
        <source>Group &amp;name:</source>
        <translation>领导小组名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Office seat:</source>
        <translation>办公室设在(&amp;O)：</translation>
    </message>
    <message>
        <source>The unit the group&apos;s office sits in</source>
        <translation>领导小组办公室所在单位</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>建立领导小组</translation>
    </message>
    <message>
        <source>Roster &amp;as of:</source>
        <translation>名单日期(&amp;A)：</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the chosen person up within their role (Alt+Up)</source>
        <translation>在同一职务类别内上移所选人员（Alt+上）</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the chosen person down within their role (Alt+Down)</source>
        <translation>在同一职务类别内下移所选人员（Alt+下）</translation>
    </message>
    <message>
        <source>New adjustment…</source>
        <translation>新建调整…</translation>
    </message>
    <message>
        <source>Record a document that adds, removes or changes members</source>
        <translation>记录一份增补、免去或变更成员的文件</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入名单…</translation>
    </message>
    <message>
        <source>Make the group stand as a roster pasted from a document or read from a file</source>
        <translation>按从文件粘贴或读取的名单调整领导小组</translation>
    </message>
    <message>
        <source>Print roster…</source>
        <translation>打印名单…</translation>
    </message>
    <message>
        <source>The roster as of the chosen day, previewed before it is printed or saved (Ctrl+P)</source>
        <translation>所选日期的成员名单，预览后打印或保存（Ctrl+P）</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印调整通知…</translation>
    </message>
    <message>
        <source>The notice of the chosen adjustment, previewed before it is printed or saved</source>
        <translation>所选调整的通知，预览后打印或保存</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>A correcting adjustment, under its own document, that puts the group as the correction says</source>
        <translation>以新的文件作一次更正调整，使领导小组组成与更正后一致</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>A correcting adjustment, under its own document, that undoes exactly what the chosen one did</source>
        <translation>以新的文件作一次更正调整，完全撤回所选调整的变动</translation>
    </message>
    <message>
        <source>Adjustments, newest first</source>
        <translation>调整记录（新的在前）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变动情况</translation>
    </message>
    <message>
        <source>Double-click an adjustment to see the roster as of its date</source>
        <translation>双击一条调整记录，查看当日的成员名单</translation>
    </message>
    <message>
        <source>The group&apos;s office is at {seat}</source>
        <translation>领导小组办公室设在{seat}</translation>
    </message>
    <message>
        <source>Created {group}</source>
        <translation>已建立{group}</translation>
    </message>
    <message numerus="yes">
        <source>%n seat(s)</source>
        <translation>
            <numerusform>共 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody is on the group on {date}.</source>
        <translation>{date}领导小组中没有成员。</translation>
    </message>
    <message>
        <source>Note: {warning}</source>
        <translation>提示：{warning}</translation>
    </message>
    <message numerus="yes">
        <source>%n joined</source>
        <translation>
            <numerusform>新增 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>退出 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>变更 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>[Withdrawn by {number}]</source>
        <translation>【已撤销：{number}】</translation>
    </message>
    <message>
        <source>[Corrected by {number}]</source>
        <translation>【已更正：{number}】</translation>
    </message>
    <message>
        <source>[Withdraws {number}]</source>
        <translation>【撤销{number}】</translation>
    </message>
    <message>
        <source>[Corrects {number}]</source>
        <translation>【更正{number}】</translation>
    </message>
    <message>
        <source>Adjustment {number} recorded</source>
        <translation>调整 {number} 已记录</translation>
    </message>
    <message>
        <source>{withdrawn} withdrawn by {number}</source>
        <translation>{withdrawn}已由{number}撤销</translation>
    </message>
    <message>
        <source>Save the roster as</source>
        <translation>名单另存为</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Save the notice as</source>
        <translation>通知另存为</translation>
    </message>
    <message>
        <source>Roster as of {date}</source>
        <translation>{date}成员名单</translation>
    </message>
    <message>
        <source>Choose an adjustment in the timeline first.</source>
        <translation>请先在调整记录中选择一条调整。</translation>
    </message>
    <message>
        <source>Notice of {number}</source>
        <translation>{number}调整通知</translation>
    </message>
    <message>
        <source>Building the document…</source>
        <translation>正在生成文件…</translation>
    </message>
    <message>
        <source>Building was cancelled.</source>
        <translation>已取消生成。</translation>
    </message>
    <message>
        <source>The document could not be built because of a program error.</source>
        <translation>程序错误，文件未能生成。</translation>
    </message>
    <message>
        <source>{name} moved up</source>
        <translation>{name}已上移</translation>
    </message>
    <message>
        <source>{name} moved down</source>
        <translation>{name}已下移</translation>
    </message>
    <message>
        <source>+ {name} ({role})</source>
        <translation>+ {name}（{role}）</translation>
    </message>
    <message>
        <source>− {name}</source>
        <translation>− {name}</translation>
    </message>
    <message>
        <source>{name}: {changes}</source>
        <translation>{name}：{changes}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>qdesk user guide</source>
        <translation>qdesk 用户手册</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Not opened: the guide follows no link outside it (%1)</source>
        <translation>未打开：本手册不打开手册以外的链接（%1）</translation>
    </message>
</context>
<context>
    <name>ImportUnitsDialog</name>
    <message>
        <source>Import units</source>
        <translation>导入单位</translation>
    </message>
</context>
<context>
    <name>IndicatorTableModel</name>
    <message>
        <source>{year} target</source>
        <translation>{year}年目标</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>指标代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Numerator label</source>
        <translation>分子名称</translation>
    </message>
    <message>
        <source>Denominator label</source>
        <translation>分母名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>小数位数</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>填报频次</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Across units</source>
        <translation>跨单位汇总</translation>
    </message>
    <message>
        <source>Across periods</source>
        <translation>跨期汇总</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Office figure</source>
        <translation>本级数值</translation>
    </message>
    <message>
        <source>From units</source>
        <translation>下级汇总</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>Ratio of sums</source>
        <translation>分子分母合计相除</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Lowest</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>取最新一期</translation>
    </message>
    <message>
        <source>Not combined</source>
        <translation>不汇总</translation>
    </message>
    <message>
        <source>%1 retired</source>
        <translation>%1 停用</translation>
    </message>
    <message>
        <source>The year&apos;s own target; empty: the year follows the standing target</source>
        <translation>该年度单独的目标；空白表示沿用常设目标</translation>
    </message>
    <message>
        <source>Write it as documents do: ≥90%, 不低于90%, 90%以上, 100%, 3～5家 (at least 3, aiming at 5), 3..5 (a band), 低于上年同期</source>
        <translation>照文件写法填写：≥90%、不低于90%、90%以上、100%、3～5家（不少于3家，争取5家）、3..5（区间）、低于上年同期</translation>
    </message>
    <message>
        <source> (its figures stay; the indicator stays in the plan)</source>
        <translation>（已有数据保留，该指标保留在方案中）</translation>
    </message>
</context>
<context>
    <name>LocationPage</name>
    <message>
        <source>Where to save the database</source>
        <translation>数据库保存在哪里</translation>
    </message>
    <message>
        <source>All of the office&apos;s work is kept in this one file. The folder offered is your own on this computer; back it up or move it as you would any file.</source>
        <translation>本单位的全部工作都保存在这一个文件里。建议的文件夹是您在本机上的个人文件夹；可以像其他文件一样备份或移动。</translation>
    </message>
    <message>
        <source>&amp;Choose another place…</source>
        <translation>选择其他位置(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Save the new database as</source>
        <translation>新数据库另存为</translation>
    </message>
    <message>
        <source>qdesk databases (*.qdesk);;All files (*)</source>
        <translation>qdesk 数据库 (*.qdesk);;所有文件 (*)</translation>
    </message>
    <message>
        <source>“%1” is a folder: name a file in it.</source>
        <translation>“%1”是一个文件夹：请在其中指定一个文件名。</translation>
    </message>
</context>
<context>
    <name>LockBanner</name>
    <message>
        <source>Unl&amp;ock…</source>
        <translation>解锁(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the submitted period again to correct it (a reason is required)</source>
        <translation>重新打开已报送的报告期以便更正（须说明理由）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Unsaved changes</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <source>The page “%1” has changes that are not saved. Save them?</source>
        <translation>“%1”页面有尚未保存的修改，是否保存？</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Data entry</source>
        <translation>数据填报</translation>
    </message>
    <message>
        <source>Indicators and targets</source>
        <translation>指标与目标</translation>
    </message>
    <message>
        <source>Work summaries</source>
        <translation>工作总结</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表报送</translation>
    </message>
    <message>
        <source>Leading group</source>
        <translation>领导小组</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Key tasks</source>
        <translation>重点任务</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销(&amp;U) %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做(&amp;R) %1</translation>
    </message>
    <message>
        <source>qdesk — Quality office workbench</source>
        <translation>qdesk — 质量工作领导小组办公室工作台</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Change &amp;history…</source>
        <translation>变更记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Backup and restore…</source>
        <translation>备份与恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About qdesk</source>
        <translation>关于 qdesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户手册(&amp;U)</translation>
    </message>
    <message>
        <source>Database: %1 (read-only)</source>
        <translation>数据库：%1（只读）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>方案：%1</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>操作员：%1</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>qdesk databases (*.qdesk);;All files (*)</source>
        <translation>qdesk 数据库 (*.qdesk);;所有文件 (*)</translation>
    </message>
    <message>
        <source> (not found)</source>
        <translation>（文件不存在）</translation>
    </message>
    <message>
        <source>“%1” is no longer there; it is removed from the recent files.</source>
        <translation>“%1”已不存在，已从最近打开中移除。</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>The day&apos;s backup could not be made: %1</source>
        <translation>今日备份未能完成：%1</translation>
    </message>
    <message>
        <source>Today&apos;s backup is made: %1</source>
        <translation>今日备份已完成：%1</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <source>Backup restored; the file it replaced is kept as %1</source>
        <translation>备份已恢复；被替换的文件保存为%1</translation>
    </message>
    <message>
        <source>Database file changed</source>
        <translation>数据库文件已更改</translation>
    </message>
    <message>
        <source>The database file “%1” was changed by another program while it was open here (copied over, or restored from elsewhere). What was just done was not saved. Reopen the file to work on what it holds now, or close it.</source>
        <translation>数据库文件“%1”已被其他程序更改（在此打开期间被覆盖或从别处恢复），刚才的操作未保存。请重新打开该文件，在其现有内容上继续工作，或将其关闭。</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>数据文件夹：%1</translation>
    </message>
    <message>
        <source>About qdesk</source>
        <translation>关于 qdesk</translation>
    </message>
    <message>
        <source>Data entry: %1</source>
        <translation>数据填报：%1</translation>
    </message>
    <message>
        <source>Enter, Tab</source>
        <translation>Enter、Tab</translation>
    </message>
    <message>
        <source>the next cell</source>
        <translation>移到下一格</translation>
    </message>
    <message>
        <source>paste a block copied from Excel or WPS</source>
        <translation>粘贴从 Excel 或 WPS 复制的一块数据</translation>
    </message>
    <message>
        <source>copy the selected cells</source>
        <translation>复制选中的单元格</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>clear the selected cells</source>
        <translation>清除选中的单元格</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>qdesk %1 — the workbench of a county quality office.</source>
        <translation>qdesk %1 — 质量工作领导小组办公室工作台。</translation>
    </message>
</context>
<context>
    <name>NarrativesPage</name>
    <message>
        <source>Narratives</source>
        <translation>工作总结</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>工作开展情况</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>工作亮点</translation>
    </message>
    <message>
        <source>Practices and experience</source>
        <translation>经验做法</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下步打算</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>报告期：</translation>
    </message>
    <message>
        <source>Unit: {unit}</source>
        <translation>单位：{unit}</translation>
    </message>
    <message>
        <source>Draft from the task ledger</source>
        <translation>从任务台账生成草稿</translation>
    </message>
    <message>
        <source>Fill “Work done” with the period&apos;s task progress, by category, to edit before printing</source>
        <translation>按类别用本期任务进展填写“工作开展情况”，打印前可修改</translation>
    </message>
    <message>
        <source>Write this section here; it is saved as you type.</source>
        <translation>在此撰写本部分内容，输入时自动保存。</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>The task ledger holds nothing for this period.</source>
        <translation>任务台账中没有本期的进展记录。</translation>
    </message>
    <message>
        <source>Replace the text of “Work done” with a draft from the task ledger?</source>
        <translation>用任务台账生成的草稿替换“工作开展情况”中已有的文字吗？</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>未保存：{problem}</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>已于 {time} 保存</translation>
    </message>
    <message>
        <source>Changes are saved as you type</source>
        <translation>输入内容自动保存</translation>
    </message>
    <message>
        <source>{period} has been submitted, so these texts are read-only. Unlock the period (with a reason) to change them.</source>
        <translation>{period}已报送，以下内容只读。如需修改，请先解锁该报告期（需说明理由）。</translation>
    </message>
    <message>
        <source>{period} is locked because {lock} has been submitted, so these texts are read-only. Unlock it (with a reason) to change them.</source>
        <translation>{lock}已报送，{period}已锁定，以下内容只读。如需修改，请先解锁（需说明理由）。</translation>
    </message>
    <message>
        <source>{period} is unlocked: correct the texts, then submit it again (it is marked as a correction).</source>
        <translation>{period}已解锁：请更正文字后重新报送（将标注为更正）。</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>编辑中…</translation>
    </message>
    <message numerus="yes">
        <source>Characters: %n</source>
        <translation>
            <numerusform>字数：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>Spaces and line breaks are not counted</source>
        <translation>不计空格和换行</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>Who works on it</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Your name goes into the change history beside every figure you enter or change. You may leave it empty and set it later under Settings; until then the computer&apos;s login name is recorded.</source>
        <translation>您的姓名将随每一项填报或修改记入变更记录。可以先不填，以后在“设置”中填写；在此之前记录的是本机的登录用户名。</translation>
    </message>
    <message>
        <source>e.g. 县质量办 张三</source>
        <translation>例如 县质量办 张三</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message numerus="yes">
        <source>{title}: %n page(s).</source>
        <translation>
            <numerusform>{title}：共 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Printing page {page} of {pages}…</source>
        <translation>正在打印第 {page} 页，共 {pages} 页…</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已向打印机发送 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing was cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <source>Printing failed because of a program error.</source>
        <translation>程序错误，打印失败。</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>First half</source>
        <translation>上半年</translation>
    </message>
    <message>
        <source>Second half</source>
        <translation>下半年</translation>
    </message>
    <message>
        <source>Q1</source>
        <translation>第一季度</translation>
    </message>
    <message>
        <source>Q2</source>
        <translation>第二季度</translation>
    </message>
    <message>
        <source>Q3</source>
        <translation>第三季度</translation>
    </message>
    <message>
        <source>Q4</source>
        <translation>第四季度</translation>
    </message>
</context>
<context>
    <name>PlanEditorPage</name>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Reporting calendar</source>
        <translation>报送日历</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>方案名称</translation>
    </message>
    <message>
        <source>edit the plan</source>
        <translation>编辑方案</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>印发单位</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>起止年份</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>修约方式</translation>
    </message>
    <message>
        <source>Judged on</source>
        <translation>判定方式</translation>
    </message>
    <message>
        <source>Half up (四舍五入)</source>
        <translation>四舍五入</translation>
    </message>
    <message>
        <source>Half even (GB/T 8170)</source>
        <translation>GB/T 8170 修约</translation>
    </message>
    <message>
        <source>The exact value</source>
        <translation>按精确值判定</translation>
    </message>
    <message>
        <source>The rounded value</source>
        <translation>按修约值判定</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>重点任务</translation>
    </message>
    <message>
        <source>The plan&apos;s qualitative work (重点工作任务), tracked period by period on 重点任务</source>
        <translation>方案的重点工作任务，逐期在“重点任务”页填报进展</translation>
    </message>
    <message>
        <source>Add indicator</source>
        <translation>新增指标</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Export as template file…</source>
        <translation>导出为模板文件…</translation>
    </message>
    <message>
        <source>The saved plan as a template file (.toml) to hand to subordinate offices</source>
        <translation>把已保存的方案导出为模板文件（.toml），下发给下级单位</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the whole plan as its new version; every figure entered is kept</source>
        <translation>把整个方案保存为新版本；已填报的数据全部保留</translation>
    </message>
    <message>
        <source>Changes to the plan discarded</source>
        <translation>已放弃对方案的修改</translation>
    </message>
    <message>
        <source>Not saved: {problems}</source>
        <translation>未保存：{problems}</translation>
    </message>
    <message>
        <source>The plan is saved as its new version; every figure is kept</source>
        <translation>方案已保存为新版本，已有数据全部保留</translation>
    </message>
    <message>
        <source>Export the plan as a template file</source>
        <translation>方案导出为模板文件</translation>
    </message>
    <message>
        <source>Plan templates (*.toml)</source>
        <translation>方案模板 (*.toml)</translation>
    </message>
    <message>
        <source>Save or discard the changes first: the template file is the saved plan.</source>
        <translation>请先保存或放弃修改：导出的模板文件是已保存的方案。</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <source>{title} (plan id {id}, {count} indicators)</source>
        <translation>{title}（方案编号{id}，{count}项指标）</translation>
    </message>
    <message>
        <source>Not saved yet: {changes}</source>
        <translation>尚未保存：{changes}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有{count}处</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>{report} deadline: </source>
        <translation>{report}报送期限：</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>第{row}行</translation>
    </message>
    <message>
        <source>Task {code} {field}: </source>
        <translation>任务{code} {field}：</translation>
    </message>
    <message>
        <source>Indicator {code} {field}: </source>
        <translation>指标{code} {field}：</translation>
    </message>
    <message>
        <source> (its figures stay; the indicator stays in the plan)</source>
        <translation>（已有数据保留，该指标保留在方案中）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Entered again from the next period on</source>
        <translation>恢复后重新填报</translation>
    </message>
    <message>
        <source>Kept with its figures, and no longer entered: off the entry grid and the blank sheets; reports still show it for a period it has a figure for</source>
        <translation>保留指标及其已有数据，不再填报：数据填报和空白填报表中不再出现；报告期内有数据的，报告中照常列出</translation>
    </message>
</context>
<context>
    <name>PlanIndicatorsModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>已填报</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>The standing target: it applies in every year that has no target of its own, and in the plan&apos;s final year</source>
        <translation>常设目标：适用于没有单独目标的各年度及方案末年</translation>
    </message>
    <message>
        <source>The target that applies in {year}; grey where the year follows the standing target</source>
        <translation>{year}年适用的目标；灰色表示沿用常设目标</translation>
    </message>
    <message>
        <source>As the template writes it: {target}</source>
        <translation>模板中的写法：{target}</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>The plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>The plan your office works to: its indicators, targets and reporting calendar. Take a shipped plan, or a template file or an indicator table (xlsx) your superior office sent; it can be updated later.</source>
        <translation>本单位执行的方案：指标、目标和报送时间。可选用内置方案，或上级下发的模板文件、指标表（xlsx）；以后还可以更新。</translation>
    </message>
    <message>
        <source>A &amp;shipped plan:</source>
        <translation>内置方案(&amp;S)：</translation>
    </message>
    <message>
        <source>A &amp;template file:</source>
        <translation>模板文件(&amp;T)：</translation>
    </message>
    <message>
        <source>no file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Plan template</source>
        <translation>方案模板</translation>
    </message>
    <message>
        <source>Plan templates and indicator tables (*.toml *.xlsx)</source>
        <translation>方案模板和指标表 (*.toml *.xlsx)</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1—%2年</translation>
    </message>
    <message>
        <source>%1 indicators</source>
        <translation>%1项指标</translation>
    </message>
</context>
<context>
    <name>PreviewBox</name>
    <message>
        <source>What it will change</source>
        <translation>本次将作如下变动</translation>
    </message>
    <message>
        <source>Write it?</source>
        <translation>确定写入？</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ProgramError</name>
    <message>
        <source>The work could not be finished because of a program error.</source>
        <translation>程序出错，未能完成。</translation>
    </message>
    <message>
        <source>Program error</source>
        <translation>程序错误</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Build</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Open in viewer</source>
        <translation>用外部程序打开</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Excel workbook…</source>
        <translation>Excel 工作簿…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV 文件…</translation>
    </message>
    <message>
        <source>Submission package…</source>
        <translation>报送数据包…</translation>
    </message>
    <message>
        <source>Blank entry sheets…</source>
        <translation>空白填报表…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Reminder to units…</source>
        <translation>催报通知…</translation>
    </message>
    <message>
        <source>A notice (催报通知) to the subordinate units that have not reported for the period, with its deadline</source>
        <translation>向本期尚未报送的下级单位发出催报通知，写明报送期限</translation>
    </message>
    <message>
        <source>Choose a report and its period, then Build.</source>
        <translation>请选择报告类型和报告期，然后点击“生成”。</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表报送</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报告：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>报告期：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Building the report</source>
        <translation>正在生成报告</translation>
    </message>
    <message>
        <source>The report was built but cannot be shown ({error}): {path}</source>
        <translation>报告已生成，但无法显示（{error}）：{path}</translation>
    </message>
    <message numerus="yes">
        <source>{report}, {period}: %n page(s).</source>
        <translation>
            <numerusform>{report}，{period}：共 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <source>Fonts: {fonts}</source>
        <translation>字体：{fonts}</translation>
    </message>
    <message>
        <source>Report built: {file}</source>
        <translation>报告已生成：{file}</translation>
    </message>
    <message>
        <source>Building was cancelled.</source>
        <translation>已取消生成。</translation>
    </message>
    <message>
        <source>The report could not be built because of a program error.</source>
        <translation>程序出错，未能生成报告。</translation>
    </message>
    <message>
        <source>No report was built.</source>
        <translation>未生成报告。</translation>
    </message>
    <message>
        <source>The preview still shows the report built before.</source>
        <translation>预览中仍是之前生成的报告。</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>报告另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save {path}: {error}</source>
        <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Build a report first: there is nothing to print.</source>
        <translation>请先生成报告，目前没有可打印的内容。</translation>
    </message>
    <message>
        <source>Printing page {page} of {pages}…</source>
        <translation>正在打印第 {page} 页，共 {pages} 页…</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已发送 %n 页到打印机。</numerusform>
        </translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>Printing was cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <source>Doc. No.:</source>
        <translation>发文字号：</translation>
    </message>
    <message>
        <source>Register…</source>
        <translation>发文登记…</translation>
    </message>
    <message>
        <source>The document numbers taken (发文字号登记)</source>
        <translation>已使用的发文字号（发文登记）</translation>
    </message>
    <message>
        <source>Units&apos; keys…</source>
        <translation>下级单位密钥…</translation>
    </message>
    <message>
        <source>The subordinate units&apos; signing keys (下级单位密钥), each kept from its first package</source>
        <translation>各下级单位的签名密钥，均从其首个数据包保存</translation>
    </message>
    <message>
        <source>Build the report again to give it the next number.</source>
        <translation>请重新生成报告，以编入下一个发文字号。</translation>
    </message>
    <message>
        <source>Document number {number} entered in the register</source>
        <translation>发文字号{number}已登记</translation>
    </message>
    <message>
        <source>The next number is offered; another one never taken may be typed instead.</source>
        <translation>默认为下一个发文字号；也可改为一个从未使用过的序号。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No organ code is set (Settings → Documents), or the letterhead is off: no document number.</source>
        <translation>未设置机关代字（设置 → 公文），或版头设为不印：不编发文字号。</translation>
    </message>
    <message>
        <source>Forgetting the key</source>
        <translation>正在忘记密钥</translation>
    </message>
    <message>
        <source>The key of {code} (fingerprint {fingerprint}) is forgotten: its next package brings the key to keep.</source>
        <translation>已忘记单位{code}的密钥（指纹{fingerprint}），将保存其下一个数据包的密钥。</translation>
    </message>
    <message>
        <source>Document number register</source>
        <translation>发文字号登记</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>成文日期</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤回原因</translation>
    </message>
    <message>
        <source>No document number has been taken yet.</source>
        <translation>尚未使用任何发文字号。</translation>
    </message>
    <message>
        <source>Printing failed because of a program error.</source>
        <translation>程序出错，打印失败。</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export the period as</source>
        <translation>导出本期数据为</translation>
    </message>
    <message>
        <source>Save the submission package as</source>
        <translation>报送包保存为</translation>
    </message>
    <message>
        <source>Submission packages (*.qdpkg)</source>
        <translation>报送包 (*.qdpkg)</translation>
    </message>
    <message>
        <source>Choose the folder to write to</source>
        <translation>选择保存的文件夹</translation>
    </message>
    <message>
        <source>Import packages or entry sheets</source>
        <translation>导入数据包或填报表</translation>
    </message>
    <message>
        <source>Submission packages and entry sheets (*.qdpkg *.csv *.xlsx)</source>
        <translation>报送数据包和填报表 (*.qdpkg *.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <source>Making the submission package records the submission of {period} and locks the period: its figures cannot be changed until it is unlocked with a reason. Make the package?</source>
        <translation>生成报送数据包将记录{period}已报送并锁定该报告期：在说明理由解锁之前，数据不能修改。是否生成？</translation>
    </message>
    <message>
        <source>Making the submission package</source>
        <translation>正在生成报送数据包</translation>
    </message>
    <message>
        <source>Written: {path}
{period} is submitted and locked.</source>
        <translation>已写入：{path}
{period}已报送并锁定。</translation>
    </message>
    <message>
        <source>Writing blank entry sheets</source>
        <translation>正在生成空白填报表</translation>
    </message>
    <message numerus="yes">
        <source>Written: %n blank entry sheet(s) in {folder}</source>
        <translation>
            <numerusform>已在{folder}中生成 %n 份空白填报表</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the reminder as</source>
        <translation>催报通知另存为</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the reminder</source>
        <translation>正在生成催报通知</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Register the new subordinate units?</source>
        <translation>登记新的下级单位，并导入其数据包？</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何数据。</translation>
    </message>
    <message>
        <source>Replace the packages imported before?</source>
        <translation>是否替换此前已导入的数据包？</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s): {new} new, {changed} changed, {unchanged} unchanged.</source>
        <translation>
            <numerusform>已导入 %n 个文件：新增 {new} 条，修改 {changed} 条，未变 {unchanged} 条。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n package(s) replaced the one(s) imported before.</source>
        <translation>
            <numerusform>%n 个数据包替换了此前导入的数据包。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new subordinate unit(s) registered.</source>
        <translation>
            <numerusform>已登记 %n 个新的下级单位。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) the corrected package no longer holds were removed (the change history keeps them).</source>
        <translation>
            <numerusform>已删除更正后的数据包中已没有的数据%n条（变更记录保留原值）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept the signing key of {name} ({code}), fingerprint {fingerprint}: confirm it with the unit by telephone.</source>
        <translation>已保存{name}（{code}）的签名密钥，指纹{fingerprint}，请与该单位电话核对。</translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) look unlikely and have no note to say why: ask the unit, then explain them in 数据填报 or import the sheet again with the reason in its 备注.</source>
        <translation>
            <numerusform>以下%n条数据与以往相差较大，且未在备注中说明原因，请向填报单位核实，在“数据填报”中补充说明，或在填报表备注中说明后重新导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message>
        <source>The work could not be finished because of a program error.</source>
        <translation>程序出错，未能完成。</translation>
    </message>
</context>
<context>
    <name>RetireDialog</name>
    <message>
        <source>Retire %1</source>
        <translation>停用%1</translation>
    </message>
    <message>
        <source>From this day on, %1 is no longer due: no entry sheet, no 未报送 and no line in the reports of the periods that begin on or after it. Its figures before that day stay in every report of their periods. The unit is not deleted and can be reinstated.</source>
        <translation>自该日起，%1不再需要报送：此日及以后开始的报告期不再为其生成填报表，不再列为“未报送”，报告中也不再列出。该日以前的数据仍保留在相应报告期的各份报告中。单位不会被删除，可以恢复启用。</translation>
    </message>
    <message>
        <source>&amp;Retired from:</source>
        <translation>停用日期(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return the package of {unit}</source>
        <translation>退回{unit}的数据包</translation>
    </message>
    <message>
        <source>The package {unit} sent for {period} goes back to it for correction: its next package for the period replaces it and waits for review again.</source>
        <translation>{unit}报送的{period}数据包将退回该单位更正：其本期下一个数据包将替换此包，并重新待审核。</translation>
    </message>
    <message>
        <source>&amp;Reason for returning (required):</source>
        <translation>退回理由（必填）(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. the denominator of P02 does not match the inspection ledger</source>
        <translation>例如：P02的抽查批次与台账不符</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>退回(&amp;R)</translation>
    </message>
    <message>
        <source>Not returned: {problem}</source>
        <translation>未退回：{problem}</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Leader</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Deputy leader</source>
        <translation>副组长</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Office director</source>
        <translation>办公室主任</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import roster</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>Paste the roster as it stands in the document, or open a .txt or .xlsx file, and press Read. Correct the table before saving: on the date below the group becomes exactly the people in the table, and those not in it leave.</source>
        <translation>粘贴文件中的名单，或打开 .txt、.xlsx 文件，然后点“读取”。保存前请在表中更正：自下方日期起，领导小组将由表中人员组成，不在表中的人员退出。</translation>
    </message>
    <message>
        <source>Roster text</source>
        <translation>名单文本</translation>
    </message>
    <message>
        <source>Paste the roster here, e.g.
{example}</source>
        <translation>在此粘贴名单，例如：
{example}</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Read a roster saved as text (.txt) or as a workbook (.xlsx)</source>
        <translation>读取文本（.txt）或工作簿（.xlsx）格式的名单</translation>
    </message>
    <message>
        <source>&amp;Read</source>
        <translation>读取(&amp;R)</translation>
    </message>
    <message>
        <source>Read the text into the table below, replacing what it holds</source>
        <translation>把文本读入下表（替换表中原有内容）</translation>
    </message>
    <message>
        <source>Roster to save (double-click a cell to correct it)</source>
        <translation>待保存的名单（双击单元格可更正）</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>A new row below the chosen one, in its role</source>
        <translation>在所选行下方添加同一职务类别的一行</translation>
    </message>
    <message>
        <source>Delete row</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <source>The group</source>
        <translation>领导小组</translation>
    </message>
    <message>
        <source>Group &amp;name:</source>
        <translation>领导小组名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Office &amp;seat:</source>
        <translation>办公室设在(&amp;S)：</translation>
    </message>
    <message>
        <source>The unit the group&apos;s office sits in</source>
        <translation>领导小组办公室所在单位</translation>
    </message>
    <message>
        <source>The document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Open a roster</source>
        <translation>打开名单</translation>
    </message>
    <message>
        <source>Rosters (*.txt *.xlsx);;Text (*.txt);;Workbooks (*.xlsx)</source>
        <translation>名单 (*.txt *.xlsx);;文本 (*.txt);;工作簿 (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……另有 %n 处</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to save: read a roster into the table first.</source>
        <translation>没有可保存的内容：请先把名单读入表中。</translation>
    </message>
    <message>
        <source>Roster {number} imported: {joined} joined, {left} left, {changed} changed</source>
        <translation>名单（{number}）已导入：新增 {joined} 人，退出 {left} 人，变更 {changed} 人</translation>
    </message>
    <message>
        <source>Not saved: {problems}</source>
        <translation>未保存：{problems}</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Role</source>
        <translation>职务类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Directs the office while also holding another role on the group (concurrent)</source>
        <translation>兼任领导小组办公室主任</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>Your name, as the audit trail records every change.</source>
        <translation>您的姓名，修改记录中将记载每一次修改的操作人。</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Set when the database was created.</source>
        <translation>创建数据库时设定。</translation>
    </message>
    <message>
        <source>Unit code:</source>
        <translation>单位代码：</translation>
    </message>
    <message>
        <source>The division code the unit was created with; it names the submission packages.</source>
        <translation>创建时设定的行政区划代码，用于命名报送数据包。</translation>
    </message>
    <message>
        <source>Superior office:</source>
        <translation>上级机关：</translation>
    </message>
    <message>
        <source>The addressee (主送机关) of the reports sent upward.</source>
        <translation>上报报告的主送机关。</translation>
    </message>
    <message>
        <source>Issuing organ:</source>
        <translation>发文机关：</translation>
    </message>
    <message>
        <source>发文机关: the red mark of the letterhead and the name above the date of each document.</source>
        <translation>版头的红色发文机关标志，以及每份文件成文日期上方的署名。</translation>
    </message>
    <message>
        <source>Organ code:</source>
        <translation>机关代字：</translation>
    </message>
    <message>
        <source>机关代字 of the document numbers: 盘质强办 gives 盘质强办〔2026〕3号. Not set: documents carry no number.</source>
        <translation>发文字号中的机关代字：“盘质强办”编为“盘质强办〔2026〕3号”。不设置则文件不编发文字号。</translation>
    </message>
    <message>
        <source>Signer:</source>
        <translation>签发人：</translation>
    </message>
    <message>
        <source>签发人, printed on the reports sent to the superior.</source>
        <translation>印在报送上级的报告（上行文）版头中。</translation>
    </message>
    <message>
        <source>Letterhead:</source>
        <translation>版头：</translation>
    </message>
    <message>
        <source>Blank leaves the mark&apos;s and the red line&apos;s room empty, for paper with a printed red letterhead.</source>
        <translation>选“留空”时，发文机关标志和红色分隔线的位置留白，用于已印好的红头纸。</translation>
    </message>
    <message>
        <source>Seal:</source>
        <translation>用印：</translation>
    </message>
    <message>
        <source>Sealed: the date four characters in from the right and room for the seal over the organ and the date.</source>
        <translation>加盖印章：成文日期右空四字，印章压署名和成文日期，留出用印位置。</translation>
    </message>
    <message>
        <source>Contact person:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>附注 under the date: 联系人 and 联系电话.</source>
        <translation>成文日期下一行的附注：联系人和联系电话。</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Copies to:</source>
        <translation>抄送机关：</translation>
    </message>
    <message>
        <source>抄送, one organ a line; printed in the 版记 on the last page.</source>
        <translation>每行一个机关，印在末页的版记中。</translation>
    </message>
    <message>
        <source>Printed by:</source>
        <translation>印发机关：</translation>
    </message>
    <message>
        <source>印发机关 of the 版记. Neither this nor copies set: no 版记.</source>
        <translation>版记中的印发机关。与抄送机关都不设置时不印版记。</translation>
    </message>
    <message>
        <source>Font folder:</source>
        <translation>字体文件夹：</translation>
    </message>
    <message>
        <source>Where the office&apos;s own fonts are (仿宋, 黑体, 楷体, 方正小标宋), if not installed in the system; TrueType .ttf or .ttc.</source>
        <translation>本单位自备字体（仿宋、黑体、楷体、方正小标宋）所在文件夹（如未安装到系统）；须为 TrueType .ttf 或 .ttc。</translation>
    </message>
    <message>
        <source>Calendar from:</source>
        <translation>报送日历起始期：</translation>
    </message>
    <message>
        <source>The first period kept in qdesk, such as 2024Q1: the overview&apos;s reporting calendar owes no report before it. Not set: the first period with figures.</source>
        <translation>在 qdesk 中记录的第一个报告期，如2024Q1：概览的报送日历不再列出此前各期的报告。不填：有数据的第一个报告期。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Applies at once; remembered for your user account on this computer, not in the database.</source>
        <translation>立即生效；记录在本机当前用户下，不写入数据库。</translation>
    </message>
    <message>
        <source>Database file:</source>
        <translation>数据库文件：</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Best on another disk or a USB drive. Not set: a folder beside the database.</source>
        <translation>最好放在另一块磁盘或U盘上。未设置时：数据库所在文件夹旁。</translation>
    </message>
    <message>
        <source>Backups:</source>
        <translation>备份：</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表报送</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>公文</translation>
    </message>
    <message>
        <source>Printed in red</source>
        <translation>套红印制</translation>
    </message>
    <message>
        <source>Blank, for red letterhead paper</source>
        <translation>留空（使用红头纸）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不印版头</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>加盖印章</translation>
    </message>
    <message>
        <source>Unsealed</source>
        <translation>不加盖印章</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>e.g. 县质量办 张三</source>
        <translation>例如 县质量办 张三</translation>
    </message>
    <message>
        <source>e.g. 市质量强市工作领导小组办公室</source>
        <translation>例如 市质量强市工作领导小组办公室</translation>
    </message>
    <message>
        <source>e.g. 县质量强县工作领导小组办公室</source>
        <translation>例如 县质量强县工作领导小组办公室</translation>
    </message>
    <message>
        <source>e.g. 盘质强办</source>
        <translation>如：盘质强办</translation>
    </message>
    <message>
        <source>e.g. 0427-5612345</source>
        <translation>如：0427-5612345</translation>
    </message>
    <message>
        <source>Not set: system fonts, then the bundled ones</source>
        <translation>未设置：先用系统字体，再用内置字体</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Not set: beside the database</source>
        <translation>未设置：数据库旁</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>未保存：{problem}</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>This folder does not exist. It is kept, but reports use the system and bundled fonts until it does.</source>
        <translation>该文件夹不存在。设置会保留，但在其存在之前，报告将使用系统字体和内置字体。</translation>
    </message>
    <message>
        <source>No TrueType fonts (.ttf, .ttc) in this folder; reports use the system and bundled fonts.</source>
        <translation>该文件夹中没有 TrueType 字体（.ttf、.ttc），报告将使用系统字体和内置字体。</translation>
    </message>
    <message>
        <source>Font folder</source>
        <translation>字体文件夹</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Welcome to qdesk</source>
        <translation>欢迎使用 qdesk</translation>
    </message>
    <message>
        <source>There is no database yet. Set one up for your office, open one you have, or look around the demo county first.</source>
        <translation>还没有数据库。可以为本单位新建一个，打开已有的，或先看看示例县。</translation>
    </message>
    <message>
        <source>&amp;Set up a new database</source>
        <translation>新建本单位的数据库(&amp;S)</translation>
    </message>
    <message>
        <source>Where to save it, your name, the plan and your office&apos;s unit: a few steps, each of which can be changed later.</source>
        <translation>保存位置、操作员、方案和本单位：几个步骤，每一项以后都可以修改。</translation>
    </message>
    <message>
        <source>&amp;Open a database file…</source>
        <translation>打开数据库文件(&amp;O)…</translation>
    </message>
    <message>
        <source>A .qdesk file made on this or another computer.</source>
        <translation>在本机或其他计算机上建立的 .qdesk 文件。</translation>
    </message>
    <message>
        <source>Open the &amp;demo county</source>
        <translation>打开示例县(&amp;D)</translation>
    </message>
    <message>
        <source>A county with two years of figures, to try every page without risk.</source>
        <translation>一个有两年数据的示例县，可以放心试用每个页面。</translation>
    </message>
</context>
<context>
    <name>SubordinatesPage</name>
    <message>
        <source>The units under your office</source>
        <translation>下级单位</translation>
    </message>
    <message>
        <source>Its townships, streets, zones and member units (a prefecture: its counties). Paste their list now, or skip this step and add them later on the Units page.</source>
        <translation>本单位所辖的乡镇、街道、开发区（园区）和成员单位（地市为所辖县市区）。可以现在粘贴名单，也可以跳过此步，以后在“单位”页面添加。</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Save the units and &amp;open</source>
        <translation>保存单位并打开(&amp;O)</translation>
    </message>
</context>
<context>
    <name>TargetDelegate</name>
    <message>
        <source>e.g. ≥95%</source>
        <translation>如 ≥95%</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>Rate</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation>是/否</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Half-yearly</source>
        <translation>半年</translation>
    </message>
    <message>
        <source>Annual</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Category: {category}</source>
        <translation>类别：{category}</translation>
    </message>
    <message>
        <source>Entered as {numerator} / {denominator}</source>
        <translation>填报为 {numerator} / {denominator}</translation>
    </message>
    <message>
        <source>Supplied by: {unit}</source>
        <translation>数据来源：{unit}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>edit targets</source>
        <translation>编辑目标</translation>
    </message>
    <message>
        <source>Indicators and targets</source>
        <translation>指标与目标</translation>
    </message>
    <message>
        <source>{start}–{end}, {count} indicators. Grey years follow the standing target.</source>
        <translation>{start}—{end}年，{count}项指标。灰色年度沿用常设目标。</translation>
    </message>
    <message>
        <source>Plan indicators</source>
        <translation>方案指标</translation>
    </message>
    <message>
        <source>Unit targets</source>
        <translation>单位目标</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>A unit&apos;s own target (from its target responsibility letter) replaces the plan&apos;s in every year. Double-click a cell or start typing to change it; an empty cell follows the plan.</source>
        <translation>单位自有目标（目标责任书）在各年度替代方案目标。双击单元格或直接输入即可修改；留空表示沿用方案目标。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Responsibility letter…</source>
        <translation>目标责任书…</translation>
    </message>
    <message>
        <source>The unit&apos;s target responsibility letter (目标责任书) for the year chosen above, as a PDF with both parties&apos; signature blocks</source>
        <translation>按上方所选年度生成该单位的目标责任书（PDF），含甲乙双方签章栏</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Every unit&apos;s targets as one sheet, for</source>
        <translation>各单位目标汇总表，年度</translation>
    </message>
    <message>
        <source>Export targets sheet…</source>
        <translation>导出目标表…</translation>
    </message>
    <message>
        <source>A workbook of the indicators down and the units across, the plan&apos;s target beside each indicator: fill it in and import it</source>
        <translation>指标为行、单位为列的工作簿，每项指标旁列出方案目标：填好后导入</translation>
    </message>
    <message>
        <source>Import targets sheet…</source>
        <translation>导入目标表…</translation>
    </message>
    <message>
        <source>Every unit&apos;s targets from a filled sheet, all or nothing: a bad cell is named and nothing is saved</source>
        <translation>从填好的目标表导入各单位目标，全部导入或全部不导入：有错误的单元格会逐一指出，且不作任何保存</translation>
    </message>
    <message>
        <source>Not saved: {code}: {problem}</source>
        <translation>未保存：{code}：{problem}</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>未保存：{problem}</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n target(s) of {unit}</source>
        <translation>
            <numerusform>已保存{unit}的 %n 项目标</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the units&apos; targets as</source>
        <translation>导出各单位目标为</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Import the units&apos; targets</source>
        <translation>导入各单位目标</translation>
    </message>
    <message>
        <source>Writing the targets sheet</source>
        <translation>正在生成目标表</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <source>Save the responsibility letter as</source>
        <translation>目标责任书另存为</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Save or discard the changes to {unit} first.</source>
        <translation>请先保存或放弃对{unit}的修改。</translation>
    </message>
    <message>
        <source>Writing the responsibility letter</source>
        <translation>正在生成目标责任书</translation>
    </message>
    <message>
        <source>Importing the targets sheet</source>
        <translation>正在导入目标表</translation>
    </message>
    <message numerus="yes">
        <source>Targets for {year} imported: %n changed</source>
        <translation>
            <numerusform>{year}年目标已导入：修改%n项</numerusform>
        </translation>
    </message>
    <message>
        <source>, {unchanged} already so</source>
        <translation>，{unchanged}项未变</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消，未做任何修改。</translation>
    </message>
    <message>
        <source>Nothing was saved:
{problems}</source>
        <translation>未保存任何内容：
{problems}</translation>
    </message>
    <message>
        <source>Unsaved targets</source>
        <translation>目标未保存</translation>
    </message>
    <message>
        <source>The targets of {unit} have unsaved changes. Save them?</source>
        <translation>{unit}的目标有尚未保存的修改，是否保存？</translation>
    </message>
</context>
<context>
    <name>TaskTable</name>
    <message>
        <source>Add task</source>
        <translation>新增任务</translation>
    </message>
    <message>
        <source>Remove task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务内容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>The member unit (成员单位) that leads it, by name or code; its task sheet is made for it</source>
        <translation>牵头的成员单位（名称或代码），任务表按牵头单位分发</translation>
    </message>
    <message>
        <source>Optional: the day it is due, e.g. 2026-12-31</source>
        <translation>可选：完成时限，如 2026-12-31</translation>
    </message>
    <message>
        <source>The plan&apos;s heading it stands under, e.g. （一）加强宏观质量管理</source>
        <translation>任务所属的方案标题，如“（一）加强宏观质量管理”</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Key tasks</source>
        <translation>重点任务</translation>
    </message>
    <message>
        <source>The plan&apos;s key tasks for the period, by category: status, progress and the day each was done. Tasks past their deadline and not done are shown in red. Edit a row in place and press Ctrl+S to save.</source>
        <translation>本期方案重点任务，按类别列出状态、进展情况和完成日期。超过完成时限仍未完成的任务以红色显示。直接在表中修改，按 Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>报告期(&amp;P)</translation>
    </message>
    <message>
        <source>Le&amp;dger of</source>
        <translation>台账单位(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lead unit</source>
        <translation>牵头单位(&amp;L)</translation>
    </message>
    <message>
        <source>Export task sheets…</source>
        <translation>导出任务表…</translation>
    </message>
    <message>
        <source>One workbook per lead unit, to fill in and return; only status, progress and done day are open</source>
        <translation>每个牵头单位一个工作簿，填写后交回；只有状态、进展情况和完成日期可填写</translation>
    </message>
    <message>
        <source>Import task sheets…</source>
        <translation>导入任务表…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Past its deadline and not done</source>
        <translation>已超过完成时限，尚未完成</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be saved as typed: see the red cells.</source>
        <translation>
            <numerusform>%n行无法按所填内容保存：请查看红色单元格。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Choose the folder to write to</source>
        <translation>选择保存到的文件夹</translation>
    </message>
    <message>
        <source>Import task sheets</source>
        <translation>导入任务表</translation>
    </message>
    <message>
        <source>Task sheets (*.xlsx)</source>
        <translation>任务表 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting task sheets</source>
        <translation>正在导出任务表</translation>
    </message>
    <message numerus="yes">
        <source>Written %n task sheet(s) to %1.</source>
        <translation>
            <numerusform>已将%n个任务表写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing task sheets</source>
        <translation>正在导入任务表</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n task row(s).</source>
        <translation>
            <numerusform>已导入%n项任务进展。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>New unit</source>
        <translation>新增单位</translation>
    </message>
    <message>
        <source>Rename unit</source>
        <translation>重命名单位</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>单位代码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>单位名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>层级(&amp;L)：</translation>
    </message>
    <message>
        <source>C&amp;redit code:</source>
        <translation>统一社会信用代码(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. 胡家镇, 盘山经济开发区, 县教育局</source>
        <translation>如：胡家镇、盘山经济开发区、县教育局</translation>
    </message>
    <message>
        <source>18 characters, for a member unit; may be left empty</source>
        <translation>18位，成员单位填写；可不填</translation>
    </message>
    <message>
        <source>the 6-digit division code (GB/T 2260)</source>
        <translation>6位行政区划代码（GB/T 2260）</translation>
    </message>
    <message>
        <source>its statistical code, or any code the office gives: 1 to 20 letters and digits</source>
        <translation>统计用代码或本单位自编代码：1至20位字母或数字</translation>
    </message>
</context>
<context>
    <name>UnitKeysDialog</name>
    <message>
        <source>Units&apos; signing keys</source>
        <translation>下级单位密钥</translation>
    </message>
    <message>
        <source>No unit&apos;s key is kept yet: each is kept from the unit&apos;s first package.</source>
        <translation>尚未保存任何下级单位的密钥：每个单位的密钥从其首个数据包保存。</translation>
    </message>
    <message>
        <source>Forget key…</source>
        <translation>忘记密钥…</translation>
    </message>
    <message>
        <source>For a unit that reinstalled qdesk: its next package brings the key to keep. Confirm the new fingerprint with the unit by telephone.</source>
        <translation>用于重装了qdesk的单位：将保存其下一个数据包的密钥。请先与该单位电话核对新指纹。</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>忘记密钥</translation>
    </message>
    <message>
        <source>Why is the key of {code} forgotten (say how the new one was confirmed)?</source>
        <translation>忘记单位{code}密钥的原因（请说明如何核对了新密钥）：</translation>
    </message>
</context>
<context>
    <name>UnitListEditor</name>
    <message>
        <source>Paste the list copied from a Word or Excel table (columns 单位代码, 单位名称, and if you have them 层级 and 统一社会信用代码), or open an .xlsx or .csv file, then press Read. Correct any row marked red in the table below before saving.</source>
        <translation>粘贴从Word或Excel表格复制的名单（列：单位代码、单位名称，如有还可包括层级、统一社会信用代码），或打开.xlsx、.csv文件，然后按“读取”。保存前请改正下表中标红的行。</translation>
    </message>
    <message>
        <source>Paste the list here, e.g.
%1</source>
        <translation>在此粘贴名单，例如：
%1</translation>
    </message>
    <message>
        <source>Open &amp;file…</source>
        <translation>打开文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Read a list saved as a workbook (.xlsx), a .csv file or text (.txt)</source>
        <translation>读取保存为工作簿（.xlsx）、CSV文件或文本（.txt）的名单</translation>
    </message>
    <message>
        <source>&amp;Level of rows that give none:</source>
        <translation>未写层级的行按(&amp;L)：</translation>
    </message>
    <message>
        <source>as each name shows (…镇, …街道, …开发区)</source>
        <translation>按名称判断（…镇、…街道、…开发区）</translation>
    </message>
    <message>
        <source>&amp;Read</source>
        <translation>读取(&amp;R)</translation>
    </message>
    <message>
        <source>Read the text into the table below, replacing what it holds</source>
        <translation>将文本读入下表，替换表中现有内容</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>单位代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&amp;Delete row</source>
        <translation>删除行(&amp;D)</translation>
    </message>
    <message>
        <source>Leave the chosen row out of the list (a title line, a unit not to register)</source>
        <translation>从名单中去掉所选的行（标题行、不需登记的单位）</translation>
    </message>
    <message>
        <source>Open a list of units</source>
        <translation>打开单位名单</translation>
    </message>
    <message>
        <source>Unit lists (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>单位名单 (*.xlsx *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No list read yet.</source>
        <translation>尚未读取名单。</translation>
    </message>
    <message>
        <source>%1 rows, %2 marked red: correct them (double-click a cell) or delete them before saving.</source>
        <translation>共%1行，%2行标红：请改正（双击单元格）或删除后再保存。</translation>
    </message>
    <message>
        <source>%1 new units, every row passes.</source>
        <translation>新增%1个单位，各行均已通过检查。</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>Your office&apos;s unit</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>The county, district, city or 兵团 division the office works for, by its 6-digit administrative division code (GB/T 2260).</source>
        <translation>本办公室所属的县、区、市或兵团师，以6位行政区划代码（GB/T 2260）标识。</translation>
    </message>
    <message>
        <source>e.g. 盘山县</source>
        <translation>例如 盘山县</translation>
    </message>
    <message>
        <source>&amp;Division code:</source>
        <translation>行政区划代码(&amp;D)：</translation>
    </message>
    <message>
        <source>Unit &amp;name:</source>
        <translation>单位名称(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>UnitTargetsModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Plan target</source>
        <translation>方案目标</translation>
    </message>
    <message>
        <source>Unit&apos;s own target</source>
        <translation>单位自有目标</translation>
    </message>
    <message>
        <source>Write the target as documents do: ≥95%, 不低于95%, 95%以上, 3～5家 (at least 3, aiming at 5), 3..5 (a band), 低于上年同期; a bare 95 takes the plan&apos;s comparison. Leave empty to follow the plan&apos;s target</source>
        <translation>按文件写法填写目标：≥95%、不低于95%、95%以上、3～5家（不少于3家，争取5家）、3..5（区间）、低于上年同期；只填数字95时沿用方案目标的比较方式。留空则执行方案目标</translation>
    </message>
    <message>
        <source>follows the plan</source>
        <translation>沿用方案</translation>
    </message>
    <message>
        <source>A unit&apos;s own target cannot be cleared yet; type the plan&apos;s target ({target}) to follow it again</source>
        <translation>暂不能清除单位自有目标；如需恢复沿用方案，请输入方案目标（{target}）</translation>
    </message>
    <message>
        <source>Every year: {target}
Single years:
{years}</source>
        <translation>各年度：{target}
单独年度：
{years}</translation>
    </message>
    <message>
        <source>Follows the plan&apos;s target</source>
        <translation>沿用方案目标</translation>
    </message>
    <message>
        <source>Applies in every year instead of the plan&apos;s target</source>
        <translation>在各年度替代方案目标</translation>
    </message>
    <message>
        <source>Not saved yet (was: {old})</source>
        <translation>尚未保存（原为：{old}）</translation>
    </message>
    <message>
        <source>Own targets for single years (they take precedence): {years}</source>
        <translation>单独年度的自有目标（优先适用）：{years}</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>The units under %1 (%2), in the order reports and entry sheets list them. A unit that is merged or dissolved is retired from a day on; its figures stay.</source>
        <translation>%1（%2）的下级单位，按报告和填报表中的顺序排列。撤销或合并的单位从某日起停用，其数据仍保留。</translation>
    </message>
    <message>
        <source>Show &amp;retired units</source>
        <translation>显示已停用单位(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新增(&amp;N)…</translation>
    </message>
    <message>
        <source>Register a township, zone, member unit or county under the office</source>
        <translation>登记本单位所辖的乡镇、开发区、成员单位或县市区</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;A)…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;tire…</source>
        <translation>停用(&amp;T)…</translation>
    </message>
    <message>
        <source>A unit is never deleted: its figures and history stay for good. Retire it from a day on instead, and it is no longer due after that day.</source>
        <translation>单位不能删除：其数据和历史记录永久保留。请改为从某日起停用，此后不再需要报送。</translation>
    </message>
    <message>
        <source>Rein&amp;state</source>
        <translation>恢复启用(&amp;S)</translation>
    </message>
    <message>
        <source>Undo a retirement: the unit is due again</source>
        <translation>撤销停用：该单位重新需要报送</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>A list pasted from Word or Excel, or an .xlsx or .csv file, previewed before it is saved</source>
        <translation>从Word或Excel粘贴的名单，或.xlsx、.csv文件，保存前先预览</translation>
    </message>
    <message>
        <source>Add from &amp;GB/T 2260…</source>
        <translation>按区划代码添加下级(&amp;G)…</translation>
    </message>
    <message>
        <source>Every county (for a province, every prefecture) that GB/T 2260 lists under the office, previewed before it is saved</source>
        <translation>GB/T 2260 行政区划代码表中本单位下辖的全部县（市、区）（省级单位为全部市），保存前可预览修改</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>单位代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Retired from</source>
        <translation>停用日期</translation>
    </message>
    <message>
        <source>Retired from %1: no longer due</source>
        <translation>自%1起停用：不再需要报送</translation>
    </message>
    <message>
        <source>%1 is registered.</source>
        <translation>已登记%1。</translation>
    </message>
    <message>
        <source>%1 is renamed %2.</source>
        <translation>%1已更名为%2。</translation>
    </message>
    <message>
        <source>%1 is retired from %2.</source>
        <translation>%1自%2起停用。</translation>
    </message>
    <message>
        <source>%1 is due again.</source>
        <translation>%1已恢复启用。</translation>
    </message>
    <message>
        <source>Every division GB/T 2260 lists under %1 is registered already.</source>
        <translation>GB/T 2260 代码表中%1下辖的区划都已登记。</translation>
    </message>
    <message>
        <source>%1 units registered, %2 registered before.</source>
        <translation>已登记%1个单位，%2个此前已登记。</translation>
    </message>
    <message>
        <source>The order is saved.</source>
        <translation>顺序已保存。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock {period}</source>
        <translation>解锁{period}</translation>
    </message>
    <message>
        <source>Unlock {period} for correction?</source>
        <translation>解锁{period}以便更正？</translation>
    </message>
    <message>
        <source>{period} has been submitted, so its figures and texts are locked. Unlocking opens them for correction again.</source>
        <translation>{period}已报送，其数据和文字已锁定。解锁后可重新更正。</translation>
    </message>
    <message>
        <source>The figures of {shown} are part of it.</source>
        <translation>{shown}的数据包含在其中。</translation>
    </message>
    <message>
        <source>When the corrections are made, submit {period} again: the new submission is marked as a correction (更正). The reason you give is kept in the change history.</source>
        <translation>更正完成后，请重新报送{period}：新的报送将标注为“更正”。您填写的理由将记入变更记录。</translation>
    </message>
    <message>
        <source>Locked on {day} by {operator}.</source>
        <translation>{day}由{operator}锁定。</translation>
    </message>
    <message>
        <source>{others} also includes these figures and stays locked: unlock it as well to change them.</source>
        <translation>{others}也包含这些数据，仍处于锁定状态；如需修改，请一并解锁。</translation>
    </message>
    <message>
        <source>&amp;Reason for unlocking (required):</source>
        <translation>解锁理由（必填）(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. the superior office returned the report: the denominator of P03 was wrong</source>
        <translation>例如：上级退回报告，P03分母填错</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Not unlocked: {problem}</source>
        <translation>未解锁：{problem}</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to qdesk</source>
        <translation>欢迎使用 qdesk</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>Create and &amp;open</source>
        <translation>创建并打开(&amp;O)</translation>
    </message>
    <message>
        <source>Create and &amp;go on</source>
        <translation>创建并继续(&amp;G)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换该文件？</translation>
    </message>
    <message>
        <source>“%1” is already there. Replace it with the new, empty database? What it holds now will be lost.</source>
        <translation>“%1”已存在。要用新的空数据库替换它吗？其中现有的内容将会丢失。</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>qdesk databases (*.qdesk);;All files (*)</source>
        <translation>qdesk 数据库 (*.qdesk);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw {number}</source>
        <translation>撤销{number}</translation>
    </message>
    <message>
        <source>What {number} of {date} did, to be undone from the withdrawal&apos;s date on</source>
        <translation>{date}{number}所作的调整（自撤销之日起恢复原状）</translation>
    </message>
    <message>
        <source>Not recorded: {problems}</source>
        <translation>未记录：{problems}</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
