import { t, setLang, currentLang, applyStatic } from './i18n.js';
import { gql, token, setToken, devRoles, devToken, claims, Unauthenticated } from './api.js';

const $ = sel => document.querySelector(sel);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const STAGES = ['FIRST_CONTACT', 'ANALYSIS', 'REMEDY', 'GM_FOLLOW_UP', 'DONE'];
const NEXT_ACTION = { FIRST_CONTACT: 'first-contact', ANALYSIS: 'classification', REMEDY: 'remedy', GM_FOLLOW_UP: 'gm-follow-up' };
const METRICS = ['overallNps', 'promoterShare', 'passiveShare', 'detractorShare', 'newCustomerNps', 'oldCustomerNps',
  'maintenanceNps', 'repairNps', 'detractorGrowth', 'avgFirstContactMinutes', 'recoveryRate', 'secondaryDetractorRate'];
const PERCENT = new Set(['promoterShare', 'passiveShare', 'detractorShare', 'recoveryRate', 'secondaryDetractorRate']);
const FILTERS = {
  serviceTypes: ['serviceType', ['RESCUE', 'MAINTENANCE', 'REPAIR', 'TYRE', 'OTHER']],
  paymentTypes: ['paymentType', ['SELF_PAY', 'WARRANTY', 'INSURANCE']],
  visitKinds: ['visitKind', ['FIRST_SERVICE', 'ROUTINE', 'REPEAT_REPAIR']],
  tenures: ['tenure', ['NEW', 'MID', 'OLD']],
  localities: ['locality', ['LOCAL', 'NON_LOCAL']],
  spendBands: ['spendBand', ['LOW', 'MID', 'HIGH']],
  channels: ['channel', ['LINK', 'QR_IN_STORE', 'IMPORT']],
};
const DIMENSIONS = ['SERVICE_TYPE', 'STORE', 'REGION', 'PAYMENT_TYPE', 'VISIT_KIND', 'TENURE', 'LOCALITY', 'SPEND_BAND', 'CHANNEL'];
const state = { tab: 'dashboard', stores: [], regions: [], filter: {}, week: isoWeek(new Date()), dimension: 'SERVICE_TYPE' };
const charts = {};

/** ISO week (Monday start) of a date, e.g. 2026-W48. */
export function isoWeek(date) {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d - yearStart) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week, and the Sunday eleven weeks later's end (for the trend). */
function weekRange(week, weeksBack) {
  const [y, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (w - 1) * 7);
  const from = new Date(monday);
  from.setUTCDate(monday.getUTCDate() - 7 * weeksBack);
  const to = new Date(monday);
  to.setUTCDate(monday.getUTCDate() + 6);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

function fmt(value, digits = 1) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(digits).replace(/\.0$/, '');
}
function signed(value) {
  return value === null || value === undefined ? '–' : (value > 0 ? '+' : '') + fmt(value);
}
function label(prefix, code) {
  const text = t(prefix + code);
  return text === prefix + code ? code : text;
}
function showErrors(target, errors) {
  $(target).textContent = errors.length ? t('common.unavailable') + ': ' + errors.map(e => e.message).join('; ') : '';
}

async function run(fn) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof Unauthenticated) {
      setToken(null);
      showSignin(t('signin.expired'));
    } else {
      console.error(e);
    }
  }
}

// ---------- sign-in ----------
async function showSignin(message = '') {
  document.querySelectorAll('.view').forEach(v => { v.hidden = true; });
  $('#tabs').hidden = true;
  $('#signout').hidden = true;
  $('#who').textContent = '';
  $('#view-signin').hidden = false;
  $('#signin-error').textContent = message;
  const roles = await devRoles().catch(() => null);
  if (roles) {
    $('#dev-signin').hidden = false;
    $('#dev-role').innerHTML = roles.map(r => `<option value="${r}">${r}</option>`).join('');
  }
}

$('#dev-signin').addEventListener('submit', async ev => {
  ev.preventDefault();
  try {
    setToken(await devToken($('#dev-role').value, $('#dev-stores').value, $('#dev-regions').value));
    await start();
  } catch (e) {
    $('#signin-error').textContent = t('signin.failed') + ': ' + e.message;
  }
});
$('#token-signin').addEventListener('submit', async ev => {
  ev.preventDefault();
  setToken($('#token-input').value.trim());
  await start();
});
$('#signout').addEventListener('click', () => { setToken(null); showSignin(); });
$('#lang').addEventListener('click', () => {
  setLang(currentLang() === 'zh-CN' ? 'en' : 'zh-CN');
  $('#lang').textContent = currentLang() === 'zh-CN' ? 'English' : '中文';
  if (token()) { buildFilters(); render(); }
});

// ---------- shell ----------
async function start() {
  const c = claims();
  if (!c) { showSignin(t('signin.failed')); return; }
  $('#view-signin').hidden = true;
  $('#tabs').hidden = false;
  $('#signout').hidden = false;
  $('#who').textContent = `${(c.groups || []).join(',')} ${(c.stores || []).join(',')}${(c.regions || []).length ? ' ' + c.regions.join(',') : ''}`;
  await run(async () => {
    const { data } = await gql('{ stores { id name regionId } regions { id name } }');
    state.stores = data.stores || [];
    state.regions = data.regions || [];
    buildFilters();
    await render();
  });
}

document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => { state.tab = b.dataset.tab; render(); }));

async function render() {
  document.querySelectorAll('.view').forEach(v => { v.hidden = true; });
  document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.tab === state.tab));
  $('#view-' + state.tab).hidden = false;
  await run({ dashboard: loadDashboard, cases: loadCases, passives: loadPassives, promoters: loadPromoters, rewards: loadRewards }[state.tab]);
}

// ---------- dashboard ----------
function select(id, label, options, value, all = true) {
  const opts = (all ? [`<option value="">${t('filter.all')}</option>`] : [])
    .concat(options.map(([v, text]) => `<option value="${esc(v)}" ${v === value ? 'selected' : ''}>${esc(text)}</option>`));
  return `<label>${esc(label)}<select id="${id}">${opts.join('')}</select></label>`;
}

function buildFilters() {
  const f = state.filter;
  let html = `<label>${t('filter.week')}<input id="f-week" value="${esc(state.week)}" pattern="\\d{4}-W\\d{2}" size="9"></label>`;
  html += select('f-store', t('filter.store'), state.stores.map(s => [s.id, `${s.id} ${s.name || ''}`]), (f.storeIds || [])[0]);
  if (state.regions.length > 1) {
    html += select('f-region', t('filter.region'), state.regions.map(r => [r.id, r.name || r.id]), (f.regionIds || [])[0]);
  }
  for (const [key, [label, values]] of Object.entries(FILTERS)) {
    html += select('f-' + key, t('filter.' + label), values.map(v => [v, v]), (f[key] || [])[0]);
  }
  html += `<button type="submit" id="f-apply">${t('filter.apply')}</button>`;
  $('#filters').innerHTML = html;
  $('#dimension').innerHTML = DIMENSIONS.map(d => `<option ${d === state.dimension ? 'selected' : ''}>${d}</option>`).join('');
  $('#reward-status').innerHTML = ['PENDING', 'APPROVED', 'ISSUED', 'REJECTED']
    .map(s => `<option ${s === (state.rewardStatus || 'PENDING') ? 'selected' : ''}>${s}</option>`).join('');
}

$('#filters').addEventListener('submit', ev => {
  ev.preventDefault();
  const f = {};
  const store = $('#f-store')?.value;
  if (store) f.storeIds = [store];
  const region = $('#f-region')?.value;
  if (region) f.regionIds = [region];
  for (const key of Object.keys(FILTERS)) {
    const v = $('#f-' + key).value;
    if (v) f[key] = [v];
  }
  state.filter = f;
  state.week = $('#f-week').value.trim() || isoWeek(new Date());
  render();
});
$('#dimension').addEventListener('change', ev => { state.dimension = ev.target.value; render(); });

const DASHBOARD_QUERY = `query Dashboard($week: String!, $filter: SegmentFilter, $from: Date!, $to: Date!, $dimension: Dimension!, $storeIds: [String!]) {
  dashboard(week: $week, filter: $filter) {
    week authenticityRate nps { value n suppressed } verifiedNps { value }
    ${METRICS.map(m => `${m} { value previous delta significant }`).join(' ')}
    coverage { value previous delta significant } responseRate { value previous delta significant }
    warnings { kind dimension segment message value previous delta }
    topDetractorReasons { reason count share }
  }
  topics(from: $from, to: $to, filter: $filter) { topic mentions promoters passives detractors impact z significant suppressed }
  initiatives(storeIds: $storeIds) { initiative { id name category storeIds startDate endDate costCents }
    lift intervalLow intervalHigh significant costPerPoint costPerPointReason liftHeld }
  trend(from: $from, to: $to, granularity: WEEK, filter: $filter) { period nps { value n suppressed } }
  segments(dimension: $dimension, from: $from, to: $to, filter: $filter) { key label nps { value n suppressed } }
}`;

async function loadDashboard() {
  const range = weekRange(state.week, 11);
  const { data, errors } = await gql(DASHBOARD_QUERY, { week: state.week, filter: state.filter, from: range.from, to: range.to,
    dimension: state.dimension, storeIds: state.filter.storeIds || null });
  showErrors('#dash-errors', errors);
  const d = data.dashboard;
  $('#week-label').textContent = state.week;
  $('#overall-nps-value').textContent = d && !d.nps.suppressed ? signed(d.nps.value) : '–';
  $('#verified-nps-value').textContent = d ? signed(d.verifiedNps.value) : '–';
  $('#authenticity-value').textContent = d && d.authenticityRate != null ? fmt(d.authenticityRate * (d.authenticityRate <= 1 ? 100 : 1)) + '%' : '–';
  $('#metrics').innerHTML = d ? METRICS.map(m => {
    const x = d[m];
    const unit = PERCENT.has(m) ? '%' : '';
    const arrow = x.delta > 0 ? '↑' : x.delta < 0 ? '↓' : '→';
    // higher is better except for detractors, detractor growth, first-contact time and secondary detractors
    const worseWhenUp = ['detractorShare', 'detractorGrowth', 'avgFirstContactMinutes', 'secondaryDetractorRate'].includes(m);
    const cls = x.delta == null || x.delta === 0 ? '' : ((x.delta > 0) !== worseWhenUp ? 'up' : 'down');
    return `<tr data-metric="${m}"><td>${t('m.' + m)}</td><td class="value">${m.endsWith('Nps') ? signed(x.value) : fmt(x.value)}${x.value == null ? '' : unit}</td>
      <td class="${cls}">${x.delta == null ? '' : `${arrow}${fmt(Math.abs(x.delta))}${unit} ${t('dash.vsLast')}`}${x.significant ? ' *' : ''}</td></tr>`;
  }).join('') : `<tr><td>${t('common.none')}</td></tr>`;
  // coverage (answered ÷ completed orders) and response rate: a store surveying only "easy" customers shows low coverage
  for (const [key, id] of [['coverage', 'coverage'], ['responseRate', 'response-rate']]) {
    const x = d && d[key];
    $(`#${id}-value`).textContent = x && x.value != null ? fmt(x.value) + '%' : '–';
    $(`#${id}-delta`).textContent = x && x.delta != null ? `${x.delta > 0 ? '↑' : x.delta < 0 ? '↓' : '→'}${fmt(Math.abs(x.delta))}% ${t('dash.vsLast')}` : '';
  }
  $('#warnings').innerHTML = d && d.warnings.length ? d.warnings.map(warningItem).join('') : `<li>${t('dash.noWarnings')}</li>`;
  $('#reasons').innerHTML = d ? d.topDetractorReasons.map(r => `<li>${esc(label('reason.', r.reason))} (${r.count})</li>`).join('') : '';
  drawTrend(data.trend || []);
  drawSegments(data.segments || []);
  drawTopics(data.topics || []);
  initiativesTable(data.initiatives || []);
}

/** One warning; COVERAGE_OUTLIER (HQ only): a store or advisor whose coverage is far below the chain's while its NPS is high. */
function warningItem(w) {
  if (w.kind === 'COVERAGE_OUTLIER') {
    const who = `${label('dim.', String(w.dimension || '').toLowerCase())} ${w.segment || ''}`;
    return `<li class="coverage-outlier" data-kind="${esc(w.kind)}">⚠ ${esc(t('warn.COVERAGE_OUTLIER'))}: ${esc(who)} `
      + `${t('dash.coverage')} ${w.value != null ? fmt(w.value) + '%' : '–'} (${t('warn.chain')} ${w.previous != null ? fmt(w.previous) + '%' : '–'})`
      + `${w.message ? ' — ' + esc(w.message) : ''}</li>`;
  }
  return `<li data-kind="${esc(w.kind)}">⚠ ${esc(w.message || `${label('warn.', w.kind)} ${w.dimension || ''} ${w.segment || ''}`)} `
    + `${w.value != null ? signed(w.value) : ''} ${w.delta != null ? `(${signed(w.delta)} ${t('dash.vsLast')})` : ''}</li>`;
}

function drawTopics(topics) {
  const shown = topics.filter(x => !x.suppressed);
  const c = chart('topics-chart');
  $('#topics-chart').dataset.topics = shown.map(x => x.topic).join(',');
  if (!c) return;
  const names = shown.map(x => label('reason.', x.topic));
  const bar = (key, color) => ({ type: 'bar', stack: 'mentions', name: t('topic.' + key), data: shown.map(x => x[key]), itemStyle: { color } });
  c.setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 50, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: [{ type: 'value', name: t('topic.mentions') }, { type: 'value', name: t('topic.impact') }],
    series: [bar('promoters', '#2e7d32'), bar('passives', '#9e9e9e'), bar('detractors', '#c62828'),
      { type: 'line', yAxisIndex: 1, name: t('topic.impact'), data: shown.map(x => x.impact), symbolSize: 8 }],
  }, true);
}

function initiativesTable(items) {
  const cny = cents => cents == null ? '–' : fmt(cents / 100, 0);
  $('#initiatives').innerHTML = items.length ? `<tr><th>${t('ini.name')}</th><th>${t('ini.category')}</th><th>${t('ini.stores')}</th>
    <th>${t('ini.period')}</th><th>${t('ini.cost')}</th><th>${t('ini.lift')}</th><th>${t('ini.costPerPoint')}</th><th>${t('ini.liftHeld')}</th></tr>`
    + items.map(r => {
      const i = r.initiative;
      const lift = r.lift == null ? '–' : `${signed(r.lift)}${r.intervalLow != null ? ` [${fmt(r.intervalLow)}, ${fmt(r.intervalHigh)}]` : ''}${r.significant ? ' *' : ''}`;
      return `<tr data-initiative="${esc(i.id)}"><td>${esc(i.name)}</td><td>${esc(label('cat.', i.category))}</td><td>${esc(i.storeIds.join(', '))}</td>
        <td>${esc(i.startDate)} – ${esc(i.endDate || '')}</td><td class="num">${cny(i.costCents)}</td><td class="num">${lift}</td>
        <td class="num" title="${esc(r.costPerPointReason || '')}">${cny(r.costPerPoint)}</td>
        <td>${r.liftHeld == null ? '' : r.liftHeld ? t('ini.yes') : t('ini.no')}</td></tr>`;
    }).join('')
    : `<tr><td>${t('dash.noInitiatives')}</td></tr>`;
}

function chart(id) {
  if (!window.echarts) return null;
  const el = $('#' + id);
  charts[id] = charts[id] || window.echarts.init(el);
  return charts[id];
}
function drawTrend(points) {
  const c = chart('trend-chart');
  if (!c) return;
  c.setOption({
    tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: points.map(p => p.period) },
    yAxis: { type: 'value', min: -100, max: 100 },
    series: [{ type: 'line', smooth: true, data: points.map(p => p.nps.suppressed ? null : p.nps.value), name: 'NPS' }],
  }, true);
}
function drawSegments(segments) {
  const c = chart('segment-chart');
  if (!c) return;
  c.setOption({
    tooltip: {}, grid: { left: 100, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value', min: -100, max: 100 },
    yAxis: { type: 'category', data: segments.map(s => s.label || s.key) },
    series: [{ type: 'bar', data: segments.map(s => s.nps.suppressed ? null : s.nps.value), name: 'NPS',
      itemStyle: { color: p => (p.value >= 0 ? '#2f5bd3' : '#c62828') } }],
  }, true);
}
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

// ---------- cases ----------
const CASES_QUERY = `query Cases($filter: CaseFilter) { cases(filter: $filter, first: 100) { totalCount edges { node {
  id storeId score stage status overdue openedAt dueAt ownerRole customer { name phone } comment store { name } } } } }`;

async function loadCases() {
  const filter = { statuses: ['OPEN'] };
  if ($('#only-overdue').checked) filter.overdue = true;
  if (state.filter.storeIds) filter.storeIds = state.filter.storeIds;
  const { data, errors } = await gql(CASES_QUERY, { filter });
  showErrors('#cases-errors', errors);
  const cases = (data.cases?.edges || []).map(e => e.node);
  $('#board').innerHTML = STAGES.map(stage => `<div class="column" data-stage="${stage}"><h3>${t('stage.' + stage)}</h3>
    ${cases.filter(c => c.stage === stage).map(caseCard).join('')}</div>`).join('');
  document.querySelectorAll('#board [data-action]').forEach(b => b.addEventListener('click', () => openStep(b.dataset.case, b.dataset.action)));
}
$('#cases-reload').addEventListener('click', () => render());
$('#only-overdue').addEventListener('change', () => render());

function caseCard(c) {
  const next = NEXT_ACTION[c.stage];
  const when = c.dueAt ? new Date(c.dueAt).toLocaleString(currentLang()) : '';
  return `<div class="case ${c.overdue ? 'overdue' : ''}" data-case-id="${esc(c.id)}">
    <strong>${esc(c.store?.name || c.storeId)}</strong> · ${t('cases.score')} ${c.score}
    <div class="meta">${t('cases.due')} ${esc(when)} ${c.overdue ? '· ' + t('cases.overdue') : ''}</div>
    ${c.customer ? `<div class="meta">${esc(c.customer.name || '')} ${esc(c.customer.phone || '')}</div>` : ''}
    ${c.comment ? `<div>${esc(c.comment)}</div>` : ''}
    <div class="toolbar">${next ? `<button data-action="${next}" data-case="${esc(c.id)}">${t('action.' + next)}</button>` : ''}
      <button class="secondary" data-action="close" data-case="${esc(c.id)}">${t('action.close')}</button></div></div>`;
}

const STEP_FIELDS = {
  'first-contact': [['note', 'textarea'], ['reached', 'checkbox']],
  classification: [['category', ['TECHNICAL', 'ATTITUDE'], 'cat'], ['scope', ['ONE', 'MANY'], 'scope'], ['plan', 'textarea']],
  remedy: [['actions', 'textarea'], ['compensationCents', 'number'], ['processFix', 'text']],
  'gm-follow-up': [['note', 'textarea'], ['satisfied', 'checkbox']],
  close: [['outcome', ['RECOVERED', 'ABANDONED'], 'outcome'], ['reason', 'text']],
};
const STEP_MUTATION = {
  'first-contact': 'recordFirstContact(caseId: $id, input: $input)', classification: 'classifyCase(caseId: $id, input: $input)',
  remedy: 'recordRemedy(caseId: $id, input: $input)', 'gm-follow-up': 'recordGmFollowUp(caseId: $id, input: $input)',
  close: 'closeCase(caseId: $id, input: $input)',
};
const STEP_INPUT = { 'first-contact': 'FirstContactInput', classification: 'ClassificationInput', remedy: 'RemedyInput',
  'gm-follow-up': 'GmFollowUpInput', close: 'CloseCaseInput' };

function openStep(caseId, action) {
  $('#step-title').textContent = t('action.' + action);
  $('#step-fields').innerHTML = STEP_FIELDS[action].map(([name, kind, prefix]) => {
    const label = t('field.' + name);
    if (Array.isArray(kind)) {
      return `<label>${label}<select name="${name}">${kind.map(v => `<option value="${v}">${t(prefix + '.' + v)}</option>`).join('')}</select></label>`;
    }
    if (kind === 'textarea') return `<label>${label}<textarea name="${name}" rows="3" required></textarea></label>`;
    if (kind === 'checkbox') return `<label><span><input type="checkbox" name="${name}"> ${label}</span></label>`;
    return `<label>${label}<input name="${name}" type="${kind}"></label>`;
  }).join('');
  const dialog = $('#step-dialog');
  dialog.dataset.case = caseId;
  dialog.dataset.action = action;
  dialog.showModal();
}
$('#step-cancel').addEventListener('click', () => $('#step-dialog').close());
$('#step-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const dialog = $('#step-dialog');
  const action = dialog.dataset.action;
  const input = {};
  for (const [name, kind] of STEP_FIELDS[action]) {
    const el = dialog.querySelector(`[name="${name}"]`);
    if (kind === 'checkbox') input[name] = el.checked;
    else if (kind === 'number') { if (el.value) input[name] = Number(el.value); }
    else if (el.value) input[name] = el.value;
  }
  await run(async () => {
    const { errors } = await gql(`mutation Step($id: ID!, $input: ${STEP_INPUT[action]}!) { ${STEP_MUTATION[action]} { id stage status } }`,
      { id: dialog.dataset.case, input });
    dialog.close();
    await loadCases();
    showErrors('#cases-errors', errors);
  });
});

// ---------- passives ----------
async function loadPassives() {
  const { data, errors } = await gql(`{ passives(status: "OPEN", first: 100) { edges { node { id storeId score type suggestion status store { name } } } } }`);
  showErrors('#passives-errors', errors);
  const rows = (data.passives?.edges || []).map(e => e.node);
  $('#passives').innerHTML = `<tr><th>${t('passive.store')}</th><th>${t('passive.score')}</th><th>${t('passive.type')}</th><th>${t('passive.suggestion')}</th><th></th></tr>`
    + (rows.length ? rows.map(p => `<tr><td>${esc(p.store?.name || p.storeId)}</td><td>${p.score}</td><td>${esc(p.type)}</td><td>${esc(p.suggestion)}</td>
      <td><button data-passive="${esc(p.id)}">${t('passive.done')}</button></td></tr>`).join('') : `<tr><td colspan="5">${t('common.none')}</td></tr>`);
  document.querySelectorAll('[data-passive]').forEach(b => b.addEventListener('click', () => run(async () => {
    const { errors: e } = await gql('mutation($id: ID!) { markPassiveDone(id: $id) { id status } }', { id: b.dataset.passive });
    await loadPassives();
    showErrors('#passives-errors', e);
  })));
}

// ---------- promoters ----------
async function loadPromoters() {
  const storeId = (state.filter.storeIds || [])[0] || null;
  const { data, errors } = await gql(`query($storeId: String) { promoters(storeId: $storeId, first: 100) { edges { node {
    code displayName storeId shareUrl qrSvgUrl posterUrl store { name } funnel { clicks bookings conversions rewardsCents } } } } }`, { storeId });
  showErrors('#promoters-errors', errors);
  const list = (data.promoters?.edges || []).map(e => e.node);
  $('#promoters').innerHTML = list.length ? list.map(p => `<div class="card promoter">
      <strong>${esc(p.displayName || p.code)}</strong> · ${esc(p.store?.name || p.storeId)}
      <img alt="QR ${esc(p.code)}" src="/media/referrals/${encodeURIComponent(p.code)}/qr.svg">
      <div class="meta"><a href="${esc(p.shareUrl)}">${esc(p.shareUrl)}</a></div>
      <div>${t('promoter.clicks')} ${p.funnel.clicks} · ${t('promoter.bookings')} ${p.funnel.bookings} · ${t('promoter.conversions')} ${p.funnel.conversions}
        · ${t('promoter.rewards')} ¥${fmt(p.funnel.rewardsCents / 100, 2)}</div></div>`).join('') : `<p>${t('common.none')}</p>`;
}

// ---------- rewards ----------
$('#reward-status').addEventListener('change', ev => { state.rewardStatus = ev.target.value; render(); });
async function loadRewards() {
  const status = state.rewardStatus || 'PENDING';
  const { data, errors } = await gql(`query($status: RewardStatus) { rewards(status: $status, first: 100) { edges { node {
    id code storeId amountCents status createdAt store { name } } } } }`, { status });
  showErrors('#rewards-errors', errors);
  const rows = (data.rewards?.edges || []).map(e => e.node);
  const actions = r => r.status === 'PENDING'
    ? `<button data-reward="${esc(r.id)}" data-do="approve">${t('reward.approve')}</button> <button class="secondary" data-reward="${esc(r.id)}" data-do="reject">${t('reward.reject')}</button>`
    : r.status === 'APPROVED' ? `<button data-reward="${esc(r.id)}" data-do="issue">${t('reward.issue')}</button>` : '';
  $('#rewards').innerHTML = `<tr><th>${t('reward.code')}</th><th>${t('reward.store')}</th><th>${t('reward.amount')}</th><th>${t('reward.status')}</th><th></th></tr>`
    + (rows.length ? rows.map(r => `<tr><td>${esc(r.code)}</td><td>${esc(r.store?.name || r.storeId)}</td><td>¥${fmt(r.amountCents / 100, 2)}</td>
      <td>${esc(r.status)}</td><td>${actions(r)}</td></tr>`).join('') : `<tr><td colspan="5">${t('common.none')}</td></tr>`);
  document.querySelectorAll('[data-reward]').forEach(b => b.addEventListener('click', () => run(async () => {
    const id = b.dataset.reward;
    let result;
    if (b.dataset.do === 'reject') {
      const reason = window.prompt(t('reward.rejectReason'));
      if (!reason) return;
      result = await gql('mutation($id: ID!, $reason: String!) { rejectReward(id: $id, reason: $reason) { id status } }', { id, reason });
    } else {
      const op = b.dataset.do === 'approve' ? 'approveReward' : 'issueReward';
      result = await gql(`mutation($id: ID!) { ${op}(id: $id) { id status } }`, { id });
    }
    await loadRewards();
    showErrors('#rewards-errors', result.errors);
  })));
}

// ---------- boot ----------
setLang(currentLang());
$('#lang').textContent = currentLang() === 'zh-CN' ? 'English' : '中文';
applyStatic();
if (token()) { start(); } else { showSignin(); }
