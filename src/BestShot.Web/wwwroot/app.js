// BestShot gallery: a grid of moments, a burst view, a large view, and keys that write decisions to XMP sidecars.
// No framework: the state is a few variables, and each view is re-rendered from them.
'use strict';
const csrf = document.querySelector('meta[name=csrf]').content;
const $ = (id) => document.getElementById(id);
const state = { items: [], total: 0, loading: false, selected: 0, view: 'grid', burst: null, frame: 0, large: null };
const pageSize = 60;

function query(offset) {
  const f = $('filter').value;
  const p = new URLSearchParams({ filter: f, offset, limit: pageSize, all: !$('one').checked });
  if (f === 'stars') p.set('min', $('min').value);
  return '/api/moments?' + p;
}

async function load(reset) {
  if (state.loading) return;
  state.loading = true;
  try {
    const offset = reset ? 0 : state.items.length;
    const page = await (await fetch(query(offset))).json();
    showProgress(page.progress, page.unreadable.length);
    state.total = page.total;
    state.unreadable = page.unreadable;
    state.items = reset ? page.items : state.items.concat(page.items);
    renderGrid();
    if (!page.progress.finished) setTimeout(refresh, 1500);
  } finally {
    state.loading = false;
  }
}

// While the scan runs, reload what is on screen so newly scored photos appear in their place.
async function refresh() {
  const page = await (await fetch(query(0).replace('limit=' + pageSize, 'limit=' + Math.max(pageSize, state.items.length)))).json();
  showProgress(page.progress, page.unreadable.length);
  const key = state.items[state.selected]?.key;
  state.items = page.items;
  state.total = page.total;
  state.unreadable = page.unreadable;
  const again = state.items.findIndex((m) => m.key === key);
  state.selected = again >= 0 ? again : Math.min(state.selected, Math.max(0, state.items.length - 1));
  if (state.view === 'grid') renderGrid();
  if (!page.progress.finished) setTimeout(refresh, 1500);
}

// The total counts files; once scanned, those that could not be read are not photos and are named apart.
function showProgress(p, unreadable) {
  $('bar').style.right = (p.total ? 100 - (100 * p.scanned) / p.total : 0) + '%';
  const done = `${p.total - unreadable} photos` + (unreadable ? ` · ${unreadable} unreadable` : '');
  $('progress-text').textContent = p.finished ? done : `scoring ${p.scanned} of ${p.total}`;
}

// BestShot's keeper, reject and stars are suggestions (outlined, with a question) until the person decides; their own
// picks, rejects and stars are solid. A `cull --write-xmp` sidecar still counts as a suggestion.
function marks(p) {
  const m = [];
  if (p.suggested) {
    if (p.keeper) m.push('<span class="pick suggested" title="suggested by BestShot: P confirms">keep?</span>');
    if (p.reject) m.push('<span class="rej suggested" title="suggested by BestShot: X confirms">reject?</span>');
    if (p.stars > 0) m.push(`<span class="stars suggested" title="BestShot's stars: 0–5 sets yours">${'☆'.repeat(p.stars)}</span>`);
  } else {
    if (p.picked) m.push('<span class="pick">✓ pick</span>');
    if (p.rejected) m.push('<span class="rej">✕ reject</span>');
    if (p.stars > 0) m.push(`<span class="stars">${'★'.repeat(p.stars)}</span>`);
  }
  return `<div class="marks">${m.join('')}</div>`;
}

function classes(p) {
  const mine = !p.suggested;
  return [p.reject ? 'model-reject' : '', mine && p.picked ? 'user-pick' : '', mine && p.rejected ? 'user-reject' : '',
    p.suggested && p.keeper ? 'suggested-pick' : ''].join(' ');
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function renderGrid() {
  const cards = state.items.map((m, i) => {
    const p = m.cover;
    const more = m.kind === 'bracket' || m.kind === 'panorama' ? `${m.kind} · ${m.count}` : m.count > 1 ? `+${m.count - 1} similar` : '';
    return `<div class="card ${classes(p)} ${i === state.selected ? 'selected' : ''}" data-i="${i}">
      <img src="${p.thumb}" alt="${esc(p.name)}" loading="lazy">
      <span class="badge score" title="score, 0–100 (a clean photo ≈ 70)">${Math.round(p.score)}</span>
      ${more ? `<span class="badge count">${more}</span>` : ''}${marks(p)}
      ${p.reasons.length ? `<span class="reasons">${esc(p.reasons.join(' · '))}</span>` : ''}
      <div class="meta"><span>${esc(p.name)}</span><span>${p.why ? esc(p.why) : ''}</span></div></div>`;
  });
  const bad = (state.unreadable || []).map((u) => `<div class="card bad"><div class="placeholder">${esc(u.name)}<br>${esc(u.reason)}</div>
      <div class="meta"><span>${esc(u.name)}</span><span>not readable</span></div></div>`);
  $('grid').innerHTML = cards.join('') + (state.items.length >= state.total ? bad.join('') : '');
  for (const el of $('grid').querySelectorAll('.card[data-i]')) {
    el.onclick = () => select(+el.dataset.i);
    el.ondblclick = () => openBurst();
  }
}

function select(i) {
  state.selected = Math.max(0, Math.min(i, state.items.length - 1));
  for (const el of $('grid').querySelectorAll('.card.selected')) el.classList.remove('selected');
  const el = $('grid').querySelector(`.card[data-i="${state.selected}"]`);
  if (el) { el.classList.add('selected'); el.scrollIntoView({ block: 'nearest' }); }
  if (state.selected >= state.items.length - 6 && state.items.length < state.total) load(false);
}

async function openBurst(frame = 0) {
  const m = state.items[state.selected];
  if (!m) return;
  const detail = await (await fetch('/api/moment/' + m.key)).json();
  state.burst = detail;
  state.frame = Math.max(0, detail.photos.findIndex((p) => p.id === m.cover.id));
  if (frame) state.frame = frame;
  state.view = 'burst';
  renderBurst();
}

function frameHtml(p, i) {
  const css = `frame ${p.keeper ? 'keeper' : ''} ${classes(p)} ${i === state.frame ? 'selected' : ''}`;
  const meta = [Math.round(p.score), esc(p.name)];
  if (p.keeper) meta.push('keeper');
  if (p.why) meta.push(esc(p.why));
  if (p.reasons.length) meta.push(esc(p.reasons.join(' · ')));
  return `<div class="${css}" data-i="${i}"><img src="${p.thumb}" alt="${esc(p.name)}">${marks(p)}
      <div class="meta">${meta.join(' · ')}</div></div>`;
}

function renderBurst() {
  const b = state.burst;
  $('burst').hidden = false;
  $('burst-title').textContent = `${b.kind} · ${b.photos.length} frames`;
  $('frames').innerHTML = b.photos.map((p, i) => frameHtml(p, i)).join('');
  for (const el of $('frames').querySelectorAll('.frame')) el.onclick = () => { state.frame = +el.dataset.i; renderBurst(); };
}

function current() {
  if (state.view === 'grid') return state.items[state.selected]?.cover;
  return state.burst?.photos[state.frame];
}

function openLarge() {
  const p = current();
  if (!p) return;
  if (state.view === 'grid') openBurst().then(() => openLarge());
  else { state.view = 'large'; renderLarge(); }
}

function renderLarge() {
  const p = current();
  $('large').hidden = false;
  $('stage').classList.remove('zoomed');
  $('large-img').src = p.file;
  $('large-title').textContent = `${p.name} · ${Math.round(p.score)}`;
}

function zoom(ev) {
  const stage = $('stage');
  const img = $('large-img');
  const zoomed = stage.classList.toggle('zoomed');
  if (zoomed && ev) {
    const r = img.getBoundingClientRect();
    const fx = (ev.clientX - r.left) / r.width, fy = (ev.clientY - r.top) / r.height;
    stage.scrollLeft = fx * img.naturalWidth - stage.clientWidth / 2;
    stage.scrollTop = fy * img.naturalHeight - stage.clientHeight / 2;
  }
}
$('large-img').onclick = zoom;

function back() {
  if (!$('help').hidden) { $('help').hidden = true; return; }
  if (state.view === 'large') { $('large').hidden = true; state.view = 'burst'; renderBurst(); return; }
  if (state.view === 'burst') { $('burst').hidden = true; state.view = 'grid'; renderGrid(); select(state.selected); }
}

async function post(url, body) {
  const headers = { 'Content-Type': 'application/json', 'X-BestShot-CSRF': csrf };
  const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body || {}) });
  if (r.status === 204) return null;
  if (!r.ok) { toast(await r.text()); return null; }
  return r.json();
}

function apply(updated) {
  if (!updated) return;
  for (const m of state.items) if (m.cover.id === updated.id) m.cover = updated;
  if (state.burst) state.burst.photos = state.burst.photos.map((p) => (p.id === updated.id ? updated : p));
  if (state.view === 'grid') renderGrid(); else if (state.view === 'burst') renderBurst();
}

async function decide(action, stars) {
  const p = current();
  if (p) apply(await post('/api/decide', { photo: p.id, action, stars: stars || 0 }));
}

function toast(text) {
  $('toast').textContent = text;
  $('toast').hidden = false;
  setTimeout(() => ($('toast').hidden = true), 3000);
}

function move(step) {
  if (state.view === 'grid') select(state.selected + step);
  else {
    state.frame = Math.max(0, Math.min(state.frame + step, state.burst.photos.length - 1));
    state.view === 'large' ? renderLarge() : renderBurst();
  }
}

function moveGroup(step) {
  const wasOpen = state.view !== 'grid';
  select(state.selected + step);
  if (wasOpen) openBurst().then(() => { if (state.view === 'burst' && !$('large').hidden) renderLarge(); });
}

document.addEventListener('keydown', async (e) => {
  if (e.target.tagName === 'SELECT' || e.target.tagName === 'INPUT' || e.ctrlKey || e.metaKey || e.altKey) return;
  const k = e.key;
  if (k === '?') $('help').hidden = !$('help').hidden;
  else if (k === 'Escape') back();
  else if (k === 'p' || k === 'P') decide('pick');
  else if (k === 'x' || k === 'X') decide('reject');
  else if (k >= '0' && k <= '5') decide('stars', +k);
  else if (k === 'u' || k === 'U') apply(await post('/api/undo'));
  else if (k === 'ArrowRight') move(1);
  else if (k === 'ArrowLeft') move(-1);
  else if (k === 'ArrowDown') moveGroup(1);
  else if (k === 'ArrowUp') moveGroup(-1);
  else if (k === 'Enter' && state.view === 'grid') openBurst();
  else if (k === ' ') openLarge();
  else if ((k === 'z' || k === 'Z') && state.view === 'large') zoom(null);
  else return;
  e.preventDefault();
});

$('filter').onchange = () => { $('min').hidden = $('filter').value !== 'stars'; state.selected = 0; load(true); };
$('min').onchange = () => load(true);
$('one').onchange = () => { state.selected = 0; load(true); };
$('help-button').onclick = () => ($('help').hidden = false);
new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting) && state.items.length < state.total) load(false);
}).observe($('sentinel'));
load(true);
