/*
 * A hub run's job, parameters and who started it, from api/status's job, params and startedBy
 * (docs/PROTOCOL.md): shown in the header's details. A run that the hub did not start has none,
 * and its header stays as it was.
 */

/** The words for a status's launch, or null when the run was not started by a hub. */
export function describeLaunch(status) {
  if (!status || typeof status.job !== 'string') {
    return null;
  }
  const params = Object.entries(status.params || {}).map(([name, value]) => name + '=' + value);
  const by = status.startedBy || {};
  const who = by.operator ? by.operator : 'the server';
  return {
    job: params.length ? status.job + ' (' + params.join(', ') + ')' : status.job,
    params,
    by: who + (by.remote ? ' from ' + by.remote : ''),
    at: typeof by.time === 'number' ? new Date(by.time).toISOString() : ''
  };
}

/** Fills in nodes.job and nodes.by (each in a row of the details kept hidden until then), as text only. */
export function showLaunch(nodes, status) {
  const d = describeLaunch(status);
  if (!d || !nodes.job || !nodes.by) {
    return;
  }
  nodes.job.textContent = d.job;
  nodes.job.title = d.params.join('\n');
  nodes.by.textContent = d.by;
  nodes.by.title = d.at;
  nodes.job.parentNode.hidden = false;
  nodes.by.parentNode.hidden = false;
}
