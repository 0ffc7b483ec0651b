/*
 * Liangze: overdue work on the Cockpit dashboard (the Community Edition has no overdue view).
 *
 * A frontend-only Cockpit plugin (the 7.14+ plugin interface: an ES module whose default export names its plugin
 * point and renders into a DOM node), registered in scripts/config.js under customScripts. It reads the
 * platform's GET /api/overdue with the Cockpit login session and lists the counts of overdue and soon-due tasks
 * by unit; a unit's tasks, each with its warning colour and a link to its process instance, are read when the unit
 * is opened, a page at a time (GET /api/overdue/units/{code}/tasks): a district has tens of thousands of them.
 */

const PAGE_SIZE = 50;

const COLOURS = {
  BLUE: { background: '#1f6fd1', color: '#fff', label: '蓝色提醒' },
  YELLOW: { background: '#f0ad00', color: '#222', label: '黄色督办' },
  RED: { background: '#c9302c', color: '#fff', label: '红色约谈' }
};
const LEVELS = ['RED', 'YELLOW', 'BLUE'];

/** The platform API lives beside the webapps: "/camunda/api/admin" -> "" -> "/api/overdue". */
function overdueUrl(api) {
  const adminApi = (api && api.adminApi) || '/camunda/api/admin';
  return adminApi.replace(/\/[^/]*\/api\/admin\/?$/, '') + '/api/overdue';
}

function get(url) {
  return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(response => {
      if (response.status === 401 || response.status === 403) {
        throw new Error('无权查看逾期任务');
      }
      if (!response.ok) {
        throw new Error('逾期任务加载失败（' + response.status + '）');
      }
      return response.json();
    });
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'style') {
      Object.assign(node.style, value);
    } else {
      node.setAttribute(name, value);
    }
  });
  children.flat().forEach(child => {
    if (child !== null && child !== undefined) {
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
  });
  return node;
}

function badge(level, text) {
  const colour = COLOURS[level] || { background: '#777', color: '#fff', label: level };
  return el('span', {
    class: 'liangze-overdue-badge liangze-overdue-' + String(level).toLowerCase(),
    style: {
      background: colour.background, color: colour.color, borderRadius: '3px', padding: '1px 6px',
      fontSize: '12px', whiteSpace: 'nowrap', display: 'inline-block', minWidth: '1.5em', textAlign: 'center'
    }
  }, text === undefined ? colour.label : text);
}

function formatDate(iso) {
  const date = new Date(iso);
  if (isNaN(date.getTime())) {
    return iso || '';
  }
  const pad = n => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
    + pad(date.getHours()) + ':' + pad(date.getMinutes());
}

function lateness(task) {
  if (task.level === 'BLUE') {
    return task.daysLeft > 0 ? task.daysLeft + ' 天内到期' : '即将到期';
  }
  return task.daysOverdue > 0 ? '逾期 ' + task.daysOverdue + ' 天' : '逾期不足 1 天';
}

function taskRows(tasks) {
  return tasks.map(task => el('tr', {},
    el('td', {}, badge(task.level)),
    el('td', {}, task.taskName || ''),
    el('td', {}, task.processDefinitionName || task.processDefinitionKey || ''),
    el('td', {}, formatDate(task.dueDate)),
    el('td', {}, lateness(task)),
    el('td', {}, el('a', { href: '#/process-instance/' + encodeURIComponent(task.processInstanceId) + '/runtime' },
      '查看流程实例'))));
}

/** The unit's tasks, earliest due first, a page at a time with a "more" link until all are shown. */
function unitTasks(details, api, unit) {
  const body = el('tbody', {});
  const more = el('a', { href: '', class: 'liangze-overdue-more', style: { display: 'none' } }, '加载更多');
  const status = el('small', { class: 'text-muted' }, '正在加载……');
  let loaded = 0;
  const next = () => get(overdueUrl(api) + '/units/' + encodeURIComponent(unit.unitCode) + '/tasks?first='
      + loaded + '&max=' + PAGE_SIZE)
    .then(page => {
      taskRows(page.tasks).forEach(row => body.appendChild(row));
      loaded += page.tasks.length;
      status.textContent = '已显示 ' + loaded + ' / ' + page.total + ' 项';
      more.style.display = loaded < page.total && page.tasks.length > 0 ? 'inline' : 'none';
    })
    .catch(error => {
      status.textContent = error.message || '逾期任务加载失败';
    });
  more.addEventListener('click', event => {
    event.preventDefault();
    next();
  });
  details.appendChild(el('table', { class: 'table table-condensed liangze-overdue-tasks',
    style: { marginBottom: '4px' } },
  el('thead', {}, el('tr', {}, ['预警', '任务', '流程', '截止时间', '逾期情况', ''].map(h => el('th', {}, h)))),
  body));
  details.appendChild(el('div', {}, status, ' ', more));
  return next();
}

function renderReport(container, report, api) {
  container.textContent = '';
  const totals = report.totals || {};
  container.appendChild(el('p', {},
    '截至 ' + formatDate(report.asOf) + '：',
    LEVELS.map(level => el('span', { style: { marginRight: '12px' } }, badge(level), ' ', totals[level] || 0, ' 项'))));
  if (!report.units || report.units.length === 0) {
    container.appendChild(el('p', { class: 'liangze-overdue-empty' }, '暂无逾期或即将到期的任务。'));
    return;
  }
  const summary = el('table', { class: 'table table-bordered liangze-overdue-units' },
    el('thead', {}, el('tr', {}, el('th', {}, '单位'), LEVELS.map(level => el('th', {}, badge(level))),
      el('th', {}, '任务'))));
  const body = el('tbody', {});
  report.units.forEach(unit => {
    const details = el('div', { style: { display: 'none' } });
    const toggle = el('a', { href: '', class: 'liangze-overdue-toggle' }, '展开（' + unit.tasks + '）');
    let loading = null;
    toggle.addEventListener('click', event => {
      event.preventDefault();
      const open = details.style.display === 'none';
      details.style.display = open ? 'block' : 'none';
      toggle.textContent = (open ? '收起' : '展开') + '（' + unit.tasks + '）';
      if (open && !loading) {
        loading = unitTasks(details, api, unit);
      }
    });
    body.appendChild(el('tr', { 'data-unit': unit.unitCode },
      el('td', {}, unit.unitName),
      LEVELS.map(level => el('td', {}, unit.counts[level] ? badge(level, unit.counts[level]) : '0')),
      el('td', {}, toggle, details)));
  });
  summary.appendChild(body);
  container.appendChild(summary);
}

function load(container, api) {
  container.textContent = '正在加载逾期任务……';
  return get(overdueUrl(api))
    .then(report => renderReport(container, report, api))
    .catch(error => {
      container.textContent = error.message || '逾期任务加载失败';
    });
}

export default {
  id: 'liangze.overdue',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node, { api }) => {
    const container = el('div', { class: 'liangze-overdue-content' });
    const refresh = el('button', { type: 'button', class: 'btn btn-default btn-xs', style: { marginLeft: '8px' } },
      '刷新');
    refresh.addEventListener('click', () => load(container, api));
    node.appendChild(el('section', { class: 'liangze-overdue' },
      el('h3', { class: 'section-title' }, '逾期工作（督责）', refresh),
      container));
    load(container, api);
  }
};
