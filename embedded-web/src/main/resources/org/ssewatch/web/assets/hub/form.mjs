// One form per job, built from its parameters (GET api/jobs): choice -> select, bool -> checkbox,
// int -> number, string -> text. The server checks every value again; the form only helps.

/** The form of `job`; `onRun(params)` is called with the values when Run is pressed. */
export function jobForm(job, onRun) {
  const form = document.createElement('form');
  form.className = 'job';
  form.dataset.job = job.name;
  const set = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = job.title;
  set.append(legend);
  const inputs = job.params.map((p) => {
    const label = document.createElement('label');
    label.className = 'param';
    const name = document.createElement('span');
    name.textContent = p.title;
    const input = field(p);
    input.name = p.name;
    label.append(name, ' ', input);
    set.append(label);
    return { p, input };
  });
  const run = document.createElement('button');
  run.type = 'submit';
  run.className = 'button run';
  run.textContent = 'Run';
  run.disabled = true;
  set.append(run);
  form.append(set);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onRun(values(inputs));
  });
  return { form, setEnabled: (on) => { run.disabled = !on; } };
}

function field(p) {
  if (p.type === 'choice') {
    const select = document.createElement('select');
    for (const c of p.choices) {
      const o = document.createElement('option');
      o.value = c;
      o.textContent = c;
      o.selected = c === p.default;
      select.append(o);
    }
    return select;
  }
  const input = document.createElement('input');
  if (p.type === 'bool') {
    input.type = 'checkbox';
    input.checked = p.default === 'true';
    return input;
  }
  input.type = p.type === 'int' ? 'number' : 'text';
  if (p.type === 'int') {
    if (p.min !== undefined) input.min = String(p.min);
    if (p.max !== undefined) input.max = String(p.max);
  }
  if (p.pattern) input.title = 'must match ' + p.pattern;
  if (p.default !== null) input.value = p.default;
  input.required = p.required;
  return input;
}

/** The values as api/jobs/NAME/runs takes them: booleans, whole numbers, strings; an empty optional field is left out. */
function values(inputs) {
  const params = {};
  for (const { p, input } of inputs) {
    if (p.type === 'bool') {
      params[p.name] = input.checked;
    } else if (input.value !== '' || p.required) {
      params[p.name] = p.type === 'int' && /^-?\d+$/.test(input.value) ? Number(input.value) : input.value;
    }
  }
  return params;
}
