// Dictionaries of the dashboard: zh-CN (default) and English.
const zh = {
  'app.title': 'NPS Loop 客户忠诚度闭环', 'tab.dashboard': '概况', 'tab.cases': '贬损者挽回', 'tab.passives': '中立者激活',
  'tab.promoters': '推荐者', 'tab.rewards': '奖励审批',
  'signin.title': '登录', 'signin.devHint': '本地运行:选择一个开发角色', 'signin.role': '角色', 'signin.stores': '门店(逗号分隔)',
  'signin.regions': '区域(逗号分隔)', 'signin.go': '登录', 'signin.pasteHint': '粘贴您的访问令牌(JWT)', 'signin.signout': '退出',
  'signin.failed': '登录失败', 'signin.expired': '登录已过期,请重新登录',
  'dash.weekly': '本周NPS概况', 'dash.displayed': '展示NPS', 'dash.verified': '真实NPS', 'dash.authenticity': '数据真实度',
  'dash.warnings': '预警信号', 'dash.reasons': '主要贬损原因', 'dash.trend': 'NPS趋势(周)', 'dash.segments': '细分',
  'dash.noWarnings': '本周无预警', 'dash.vsLast': 'vs上周', 'dash.suppressed': '样本不足,已隐藏',
  'dash.coverage': '覆盖率', 'dash.responseRate': '回复率', 'dash.coverageHint': '已回复 ÷ 完成工单',
  'dash.topics': '评论话题(痛点清单)', 'dash.topicsHint': '提及次数按推荐者/中立者/贬损者;折线为对NPS的影响(分)',
  'dash.initiatives': '改进举措', 'dash.noInitiatives': '暂无改进举措',
  'topic.mentions': '提及', 'topic.impact': '影响', 'topic.promoters': '推荐者', 'topic.passives': '中立者', 'topic.detractors': '贬损者',
  'ini.name': '举措', 'ini.category': '类别', 'ini.stores': '门店', 'ini.period': '时间', 'ini.cost': '成本(元)', 'ini.lift': 'NPS提升',
  'ini.costPerPoint': '每分成本(元)', 'ini.liftHeld': '结束后保持', 'ini.yes': '是', 'ini.no': '否(回落)',
  'cat.BASIC_SERVICE': '基础服务', 'cat.EMOTIONAL_CONNECTION': '情感连接', 'cat.ENVIRONMENT': '环境', 'cat.INCENTIVE': '激励',
  'warn.COVERAGE_OUTLIER': '覆盖率异常低', 'warn.NPS_DROP': 'NPS显著下降', 'warn.DETRACTOR_GROWTH': '贬损者增长',
  'warn.chain': '全链', 'dim.store': '门店', 'dim.advisor': '服务顾问',
  'filter.week': '周', 'filter.store': '门店', 'filter.region': '区域', 'filter.serviceType': '服务类型', 'filter.paymentType': '支付方式',
  'filter.visitKind': '到店类型', 'filter.tenure': '客户时长', 'filter.locality': '本地/外地', 'filter.spendBand': '消费档', 'filter.channel': '渠道',
  'filter.all': '全部', 'filter.apply': '应用',
  'm.overallNps': '总体NPS', 'm.promoterShare': '推荐者', 'm.passiveShare': '中立者', 'm.detractorShare': '贬损者',
  'm.newCustomerNps': '新客NPS', 'm.oldCustomerNps': '老客NPS', 'm.maintenanceNps': '保养NPS', 'm.repairNps': '维修NPS',
  'm.detractorGrowth': '贬损者增长', 'm.avgFirstContactMinutes': '平均首次联系(分钟)', 'm.recoveryRate': '挽回率',
  'm.secondaryDetractorRate': '二次贬损率',
  'stage.FIRST_CONTACT': '首次联系(1小时)', 'stage.ANALYSIS': '分析定级(4小时)', 'stage.REMEDY': '补救执行(8小时)',
  'stage.GM_FOLLOW_UP': '总经理回访(24小时)', 'stage.DONE': '已结案',
  'action.first-contact': '记录首次联系', 'action.classification': '分析定级', 'action.remedy': '记录补救', 'action.gm-follow-up': '总经理回访',
  'action.close': '结案',
  'field.note': '记录', 'field.reached': '已联系上', 'field.category': '问题类型', 'field.scope': '影响范围', 'field.plan': '补救方案',
  'field.actions': '补救措施', 'field.compensationCents': '补偿(分)', 'field.processFix': '流程改进', 'field.satisfied': '客户满意',
  'field.outcome': '结果', 'field.reason': '原因',
  'cat.TECHNICAL': '技术问题', 'cat.ATTITUDE': '态度问题', 'scope.ONE': '单个客户', 'scope.MANY': '多个客户',
  'outcome.RECOVERED': '已挽回', 'outcome.ABANDONED': '放弃挽回',
  'cases.overdueOnly': '只看超时', 'cases.due': '截止', 'cases.overdue': '已超时', 'cases.score': '评分', 'cases.store': '门店',
  'passive.type': '类型', 'passive.suggestion': '建议', 'passive.done': '已完成激活', 'passive.store': '门店', 'passive.score': '评分',
  'promoter.clicks': '点击', 'promoter.bookings': '预约', 'promoter.conversions': '成交', 'promoter.rewards': '奖励', 'promoter.poster': '海报',
  'reward.approve': '批准', 'reward.reject': '驳回', 'reward.issue': '发放', 'reward.rejectReason': '驳回原因(如:自我推荐)',
  'reward.amount': '金额', 'reward.code': '推荐码', 'reward.status': '状态', 'reward.store': '门店',
  'reason.WAIT_TIME': '等待时间长', 'reason.PRICE': '价格', 'reason.REPAIR_QUALITY': '维修质量/返修', 'reason.ATTITUDE': '服务态度',
  'reason.TRANSPARENCY': '不够透明', 'reason.PROFESSIONALISM': '专业能力', 'reason.CLEANLINESS': '清洁', 'reason.COMMUNICATION': '沟通',
  'reason.PARTS': '配件', 'reason.OTHER': '其他',
  'common.reload': '刷新', 'common.cancel': '取消', 'common.save': '保存', 'common.none': '暂无数据', 'common.unavailable': '部分数据暂不可用',
};
const en = {
  'app.title': 'NPS Loop', 'tab.dashboard': 'Overview', 'tab.cases': 'Detractor recovery', 'tab.passives': 'Passives',
  'tab.promoters': 'Promoters', 'tab.rewards': 'Rewards',
  'signin.title': 'Sign in', 'signin.devHint': 'Local run: pick a dev role', 'signin.role': 'Role', 'signin.stores': 'Stores (comma-separated)',
  'signin.regions': 'Regions (comma-separated)', 'signin.go': 'Sign in', 'signin.pasteHint': 'Paste your access token (JWT)', 'signin.signout': 'Sign out',
  'signin.failed': 'Sign-in failed', 'signin.expired': 'Session expired, please sign in again',
  'dash.weekly': 'This week\'s NPS', 'dash.displayed': 'Displayed NPS', 'dash.verified': 'Verified NPS', 'dash.authenticity': 'Authenticity',
  'dash.warnings': 'Warnings', 'dash.reasons': 'Top detractor reasons', 'dash.trend': 'NPS trend (weekly)', 'dash.segments': 'Segments',
  'dash.noWarnings': 'No warnings this week', 'dash.vsLast': 'vs last week', 'dash.suppressed': 'Too few responses, hidden',
  'dash.coverage': 'Coverage', 'dash.responseRate': 'Response rate', 'dash.coverageHint': 'answered ÷ completed orders',
  'dash.topics': 'Comment topics (pain points)', 'dash.topicsHint': 'Mentions by promoters/passives/detractors; the line is the NPS impact (points)',
  'dash.initiatives': 'Improvement initiatives', 'dash.noInitiatives': 'No initiatives yet',
  'topic.mentions': 'Mentions', 'topic.impact': 'Impact', 'topic.promoters': 'Promoters', 'topic.passives': 'Passives', 'topic.detractors': 'Detractors',
  'ini.name': 'Initiative', 'ini.category': 'Category', 'ini.stores': 'Stores', 'ini.period': 'Period', 'ini.cost': 'Cost (CNY)', 'ini.lift': 'NPS lift',
  'ini.costPerPoint': 'Cost per point (CNY)', 'ini.liftHeld': 'Held after end', 'ini.yes': 'yes', 'ini.no': 'no (fell back)',
  'cat.BASIC_SERVICE': 'Basic service', 'cat.EMOTIONAL_CONNECTION': 'Emotional connection', 'cat.ENVIRONMENT': 'Environment', 'cat.INCENTIVE': 'Incentive',
  'warn.COVERAGE_OUTLIER': 'Coverage outlier (low)', 'warn.NPS_DROP': 'Significant NPS drop', 'warn.DETRACTOR_GROWTH': 'Detractor growth',
  'warn.chain': 'chain', 'dim.store': 'store', 'dim.advisor': 'advisor',
  'filter.week': 'Week', 'filter.store': 'Store', 'filter.region': 'Region', 'filter.serviceType': 'Service type', 'filter.paymentType': 'Payment',
  'filter.visitKind': 'Visit kind', 'filter.tenure': 'Tenure', 'filter.locality': 'Locality', 'filter.spendBand': 'Spend band', 'filter.channel': 'Channel',
  'filter.all': 'All', 'filter.apply': 'Apply',
  'm.overallNps': 'Overall NPS', 'm.promoterShare': 'Promoters', 'm.passiveShare': 'Passives', 'm.detractorShare': 'Detractors',
  'm.newCustomerNps': 'New customers NPS', 'm.oldCustomerNps': 'Old customers NPS', 'm.maintenanceNps': 'Maintenance NPS', 'm.repairNps': 'Repair NPS',
  'm.detractorGrowth': 'Detractor growth', 'm.avgFirstContactMinutes': 'Avg first contact (min)', 'm.recoveryRate': 'Recovery rate',
  'm.secondaryDetractorRate': 'Secondary detractor rate',
  'stage.FIRST_CONTACT': 'First contact (1 h)', 'stage.ANALYSIS': 'Analysis (4 h)', 'stage.REMEDY': 'Remedy (8 h)',
  'stage.GM_FOLLOW_UP': 'GM follow-up (24 h)', 'stage.DONE': 'Closed',
  'action.first-contact': 'Record first contact', 'action.classification': 'Classify', 'action.remedy': 'Record remedy',
  'action.gm-follow-up': 'GM follow-up', 'action.close': 'Close',
  'field.note': 'Note', 'field.reached': 'Reached the customer', 'field.category': 'Category', 'field.scope': 'Scope', 'field.plan': 'Remedy plan',
  'field.actions': 'Actions', 'field.compensationCents': 'Compensation (cents)', 'field.processFix': 'Process fix', 'field.satisfied': 'Customer satisfied',
  'field.outcome': 'Outcome', 'field.reason': 'Reason',
  'cat.TECHNICAL': 'Technical', 'cat.ATTITUDE': 'Attitude', 'scope.ONE': 'One customer', 'scope.MANY': 'Many customers',
  'outcome.RECOVERED': 'Recovered', 'outcome.ABANDONED': 'Abandoned',
  'cases.overdueOnly': 'Overdue only', 'cases.due': 'Due', 'cases.overdue': 'Overdue', 'cases.score': 'Score', 'cases.store': 'Store',
  'passive.type': 'Type', 'passive.suggestion': 'Suggestion', 'passive.done': 'Mark done', 'passive.store': 'Store', 'passive.score': 'Score',
  'promoter.clicks': 'Clicks', 'promoter.bookings': 'Bookings', 'promoter.conversions': 'Conversions', 'promoter.rewards': 'Rewards', 'promoter.poster': 'Poster',
  'reward.approve': 'Approve', 'reward.reject': 'Reject', 'reward.issue': 'Issue', 'reward.rejectReason': 'Reason for rejection (e.g. self-referral)',
  'reward.amount': 'Amount', 'reward.code': 'Code', 'reward.status': 'Status', 'reward.store': 'Store',
  'reason.WAIT_TIME': 'Waiting time', 'reason.PRICE': 'Price', 'reason.REPAIR_QUALITY': 'Repair quality', 'reason.ATTITUDE': 'Attitude',
  'reason.TRANSPARENCY': 'Transparency', 'reason.PROFESSIONALISM': 'Professionalism', 'reason.CLEANLINESS': 'Cleanliness',
  'reason.COMMUNICATION': 'Communication', 'reason.PARTS': 'Parts', 'reason.OTHER': 'Other',
  'common.reload': 'Reload', 'common.cancel': 'Cancel', 'common.save': 'Save', 'common.none': 'Nothing here', 'common.unavailable': 'Some data is unavailable',
};
const dictionaries = { 'zh-CN': zh, en };
let lang = localStorage.getItem('npsloop.lang') || 'zh-CN';

export function t(key) {
  return (dictionaries[lang] && dictionaries[lang][key]) || zh[key] || key;
}
export function currentLang() { return lang; }
export function setLang(next) {
  lang = dictionaries[next] ? next : 'zh-CN';
  localStorage.setItem('npsloop.lang', lang);
  document.documentElement.lang = lang;
  applyStatic();
}
export function applyStatic() {
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
}
