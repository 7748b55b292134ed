// The run list, kept up to date from api/runs/events: running runs first, then the newest.

const STATE_LABEL = { 'timed-out': 'timed out' };

export class RunList {
  /** `actions` has cancel(run) and again(run); `canAct()` says whether an operator is logged in. */
  constructor(tbody, empty, actions, canAct) {
    this.tbody = tbody;
    this.empty = empty;
    this.actions = actions;
    this.canAct = canAct;
    this.runs = new Map();
  }

  replace(list) {
    this.runs = new Map(list.map((r) => [r.id, r]));
    this.render();
  }

  update(run) {
    this.runs.set(run.id, run);
    this.render();
  }

  remove(id) {
    this.runs.delete(id);
    this.render();
  }

  render() {
    const sorted = [...this.runs.values()].sort((a, b) =>
      (a.state === 'running' ? 0 : 1) - (b.state === 'running' ? 0 : 1) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    this.tbody.replaceChildren(...sorted.map((r) => this.row(r)));
    this.empty.hidden = sorted.length > 0;
  }

  row(r) {
    const tr = document.createElement('tr');
    tr.dataset.run = r.id;
    tr.dataset.state = r.state;
    const link = document.createElement('a');
    link.href = r.url;
    link.textContent = r.id;
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.dataset.state = r.state;
    chip.textContent = STATE_LABEL[r.state] || r.state;
    const exit = r.exit ? (r.exit.signal ? r.exit.signal : 'status ' + r.exit.status) : '';
    const cells = [link, r.job, chip, new Date(r.started).toLocaleString(), duration(r.durationMs), exit,
      r.startedBy.operator || '', this.buttons(r)];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      if (i === 0) td.className = 'id';
      td.append(c);
      tr.append(td);
    });
    return tr;
  }

  buttons(r) {
    const span = document.createElement('span');
    if (!this.canAct()) return span;
    if (r.state === 'running') {
      span.append(button('Cancel', 'cancel', () => this.actions.cancel(r)));
    }
    span.append(button('Run again', 'again', () => this.actions.again(r)));
    return span;
  }
}

function button(text, kind, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'button ' + kind;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function duration(ms) {
  if (ms === null || ms === undefined) return '';
  const s = Math.round(ms / 1000);
  return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
}
