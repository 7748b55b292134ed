/*
 * What the command says of itself: `progress` events ({done, total, unit?, text?}) as a bar in
 * the header, and `status` events ({text}) beside the state chip. The percentage also goes into
 * the tab's title and onto the favicon, through the header (header.mjs).
 */

/** The whole percentage of done in total (0 to 100), or null when there is no total to go by. */
export function percent(d) {
  const done = Number(d.done);
  const total = Number(d.total);
  if (!isFinite(done) || !isFinite(total) || total <= 0) {
    return null;
  }
  return Math.max(0, Math.min(100, Math.floor(done * 100 / total)));
}

/**
 * The running favicon with a ring filled to `pct`, as an SVG data: URL (the page's CSP allows
 * data: images, and an SVG is text, so no canvas is needed).
 */
export function progressIcon(pct) {
  const r = 22;
  const c = 2 * Math.PI * r;
  const filled = (c * pct / 100).toFixed(2);
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    '<rect x="2" y="2" width="60" height="60" rx="14" fill="#1f6feb"/>' +
    '<circle cx="32" cy="32" r="' + r + '" fill="none" stroke="#ffffff" stroke-opacity="0.3" stroke-width="9"/>' +
    '<circle cx="32" cy="32" r="' + r + '" fill="none" stroke="#ffffff" stroke-width="9" stroke-dasharray="' +
    filled + ' ' + c.toFixed(2) + '" transform="rotate(-90 32 32)"/></svg>';
  return 'data:image/svg+xml,' + encodeURIComponent(svg);
}

function clip(s, max) {
  s = String(s);
  return s.length > max ? s.slice(0, max - 1) + '\u2026' : s;
}

export class Progress {
  /**
   * @param {Object} opts {nodes: {progress, progressBar, progressText, status}, header}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.header = opts.header;
    this.last = null;
  }

  apply(type, d) {
    if (type === 'status') {
      const text = typeof d.text === 'string' ? clip(d.text, 200) : '';
      this.n.status.textContent = text;
      this.n.status.title = text;
      this.n.status.hidden = text === '';
    } else if (type === 'progress') {
      this.last = d;
      this.show(d);
    }
  }

  show(d) {
    const n = this.n;
    const pct = percent(d);
    const bar = n.progressBar;
    n.progress.hidden = false;
    n.progress.setAttribute('data-percent', pct === null ? '' : String(pct));
    bar.style.setProperty('--done', pct === null ? '100%' : pct + '%');
    bar.classList.toggle('indeterminate', pct === null);
    if (pct === null) {
      bar.removeAttribute('aria-valuenow');
    } else {
      bar.setAttribute('aria-valuenow', String(pct));
    }
    const unit = typeof d.unit === 'string' && d.unit ? ' ' + clip(d.unit, 40) : '';
    const count = isFinite(Number(d.done)) ? Number(d.done).toLocaleString('en') +
      (pct === null ? '' : ' / ' + Number(d.total).toLocaleString('en')) + unit : '';
    const parts = [];
    if (pct !== null) {
      parts.push(pct + '%');
    }
    if (count) {
      parts.push(count);
    }
    if (typeof d.text === 'string' && d.text) {
      parts.push(clip(d.text, 120));
    }
    n.progressText.textContent = parts.join(' \u00B7 ');
    this.header.setProgress(pct);
  }
}
