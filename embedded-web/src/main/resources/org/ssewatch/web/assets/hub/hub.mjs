// The hub's page: the jobs, each with its form, and the runs, live (docs/PROTOCOL.md, "The hub").
// An operator logs in with the form at the top: the name and password go to api/session as HTTP
// Basic, which answers a CSRF token; both are kept in memory only and sent with each POST.
import { jobForm } from './form.mjs';
import { RunList } from './runs.mjs';
import { hubMode, listNotice } from './mode.mjs';

const session = { authorization: null, csrf: null, operator: null };
const $ = (id) => document.getElementById(id);

function say(text, kind = 'info') {
  const n = $('notice');
  n.dataset.kind = kind;
  n.textContent = text;
  n.hidden = !text;
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(user + ':' + password);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

async function post(path, body) {
  const r = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: session.authorization, 'X-CSRF-Token': session.csrf },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  if (!r.ok) say((await r.text()).trim(), 'lost');
  return r;
}

async function start(job, params) {
  const r = await post('api/jobs/' + encodeURIComponent(job) + '/runs', { params });
  if (r.ok) say('Started ' + (await r.json()).id + '.');
}

async function boot() {
  const jobs = await (await fetch('api/jobs', { cache: 'no-store' })).json();
  const forms = jobs.jobs.map((job) => jobForm(job, (params) => start(job.name, params)));
  $('jobs').replaceChildren(...forms.map((f) => f.form));
  const runs = new RunList($('runs'), $('no-runs'), {
    cancel: (r) => post('api/runs/' + r.id + '/cancel', {}),
    again: (r) => start(r.job, r.params),
  }, () => session.csrf !== null);
  const mode = hubMode(jobs);
  $('jobs-section').hidden = !mode.jobs;
  say(mode.notice, mode.level);
  if (mode.login) {
    $('login').hidden = false;
    $('login').addEventListener('submit', async (e) => {
      e.preventDefault();
      const authorization = basic($('login-user').value, $('login-password').value);
      // The header asks for a 403 instead of a challenge, which would open the browser's own dialog.
      const r = await fetch('api/session', {
        headers: { Authorization: authorization, 'X-SSEWatch-Login': 'form' }, cache: 'no-store',
      });
      if (!r.ok) {
        say('Not logged in: wrong name or password.', 'lost');
        return;
      }
      const s = await r.json();
      Object.assign(session, { authorization, csrf: s.csrf, operator: s.operator });
      $('login').hidden = true;
      $('operator').textContent = 'operator: ' + s.operator;
      $('operator').hidden = false;
      say('');
      forms.forEach((f) => f.setEnabled(true));
      runs.render();
    });
  }
  const events = new EventSource('api/runs/events');
  let problem = null;
  events.addEventListener('runs', (e) => {
    const list = JSON.parse(e.data);
    runs.replace(list.runs);
    // Only a change is said, so that a list sent again does not wipe out a message such as "Started ...".
    if ((list.problem || null) !== problem) {
      problem = list.problem || null;
      const n = listNotice(mode, problem);
      say(n.notice, n.level);
    }
  });
  events.addEventListener('run', (e) => runs.update(JSON.parse(e.data)));
  events.addEventListener('removed', (e) => runs.remove(JSON.parse(e.data).id));
  window.ssewatchHub = { jobs, runs, events };
}

boot().catch((e) => say('The hub cannot be loaded: ' + e.message, 'lost'));
