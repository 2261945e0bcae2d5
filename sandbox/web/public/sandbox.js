// The sandbox page's behaviour: it draws nothing itself. The server renders every region; this
// script swaps them in when the server says something changed (server-sent events), keeps what the
// person typed into an open form across redraws, and turns clicks, choices and submissions into
// the page's JSON API, which hands them to the bot as Slack would.

const body = document.body;
const state = {
  user: body.dataset.user ?? '',
  tab: 'messages',
  modalKey: body.dataset.modalKey ?? '',
  modalView: body.dataset.modalView ?? '',
  /** Last HTML put in each region, so an unchanged region is left alone (and keeps focus, scroll). */
  drawn: new Map(),
  /** The ts of the message whose thread the composer replies in, if any. */
  threadTs: '',
  /** Whom `@` suggests: [{ name, handle }]. */
  people: JSON.parse(body.dataset.people ?? '[]'),
};

const $ = (selector) => document.querySelector(selector);

// ---- talking to the sandbox ----

async function post(path, payload) {
  body.classList.add('busy');
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error ?? `The sandbox answered HTTP ${response.status}.`);
    return answer;
  } finally {
    body.classList.remove('busy');
  }
}

/** Runs an action; a refusal is shown to the person, never thrown at them. */
async function attempt(work) {
  try {
    return await work();
  } catch (error) {
    toast(error instanceof Error ? error.message : String(error));
    void refresh();
    return undefined;
  }
}

let toastTimer;
function toast(message) {
  const element = $('#toast');
  element.textContent = message;
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (element.hidden = true), 7000);
}

// ---- drawing ----

function draw(selector, html) {
  if (state.drawn.get(selector) === html) return false;
  state.drawn.set(selector, html);
  $(selector).innerHTML = html;
  return true;
}

let refreshing;
let refreshAgain = false;
/** Fetches the regions for the current person; calls made meanwhile collapse into one more fetch. */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const user = state.user;
      const response = await fetch(`/api/regions?as=${encodeURIComponent(user)}`);
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        toast(answer.error ?? 'The sandbox is not answering. Is `npm start` still running?');
        return;
      }
      const regions = await response.json();
      if (user === state.user) apply(regions);
    } while (refreshAgain);
  })()
    .catch(() => toast('The sandbox is not answering. Is `npm start` still running?'))
    .finally(() => (refreshing = undefined));
  return refreshing;
}

function apply(regions) {
  draw('#people', regions.people);
  draw('#clock', regions.clock);
  const conversation = $('#conversation');
  const atBottom = conversation.scrollHeight - conversation.scrollTop - conversation.clientHeight < 60;
  if (draw('#conversation', regions.conversation) && atBottom) conversation.scrollTop = conversation.scrollHeight;
  draw('#home', regions.home);
  drawModal(regions.modal);
}

function drawModal(modal) {
  const root = $('#modal-root');
  if (!modal) {
    if (state.modalKey) {
      root.innerHTML = '';
      state.modalKey = '';
      state.modalView = '';
      if (state.tab === 'messages') $('#composer-input').focus();
    }
    return;
  }
  if (modal.key === state.modalKey) return;
  // Slack keeps what was typed when a view is updated in place (same view, same block and action ids).
  const typed = modal.viewId === state.modalView ? collectValues() : undefined;
  root.innerHTML = modal.html;
  if (typed) restoreValues(typed);
  const isNew = modal.viewId !== state.modalView;
  state.modalKey = modal.key;
  state.modalView = modal.viewId;
  const focus = root.querySelector('.field.has-error .control, .field.has-error input') ?? (isNew ? root.querySelector('.field input, .field textarea, .field select') : null);
  focus?.focus();
}

// ---- form values, in the shape the driver takes: block_id -> value ----

const MULTI = new Set(['multi_static_select', 'multi_users_select', 'multi_external_select']);

function controlValue(kind, control) {
  if (kind === 'checkboxes') return [...control.querySelectorAll('input:checked')].map((input) => input.value);
  if (kind === 'radio_buttons') return control.querySelector('input:checked')?.value ?? null;
  if (MULTI.has(kind)) return [...control.selectedOptions].map((option) => option.value);
  if (kind === 'datetimepicker') return control.value ? String(Math.floor(new Date(control.value).getTime() / 1000)) : null;
  if (kind === 'file_input') return control.dataset.fileId ? [control.dataset.fileId] : [];
  return control.value === '' ? null : control.value;
}

function collectValues() {
  const values = {};
  for (const field of document.querySelectorAll('#modal-form .field')) {
    const control = field.querySelector('.control');
    if (control && field.dataset.blockId) values[field.dataset.blockId] = controlValue(field.dataset.el, control);
  }
  return values;
}

function restoreValues(values) {
  for (const field of document.querySelectorAll('#modal-form .field')) {
    const value = values[field.dataset.blockId];
    const control = field.querySelector('.control');
    if (value === undefined || !control) continue;
    const chosen = new Set(Array.isArray(value) ? value : [value]);
    if (field.dataset.el === 'checkboxes' || field.dataset.el === 'radio_buttons') {
      for (const input of control.querySelectorAll('input')) input.checked = chosen.has(input.value);
    } else if (field.dataset.el === 'file_input') {
      // A browser cannot put a file back into a file input; the uploaded file's id stays with it.
      if (Array.isArray(value) && value[0]) control.dataset.fileId = value[0];
    } else if (MULTI.has(field.dataset.el)) {
      for (const option of control.options) option.selected = chosen.has(option.value);
    } else if (field.dataset.el !== 'datetimepicker') {
      control.value = value ?? '';
    }
  }
}

// ---- interactions ----

function sourceOf(element) {
  const surface = element.closest('[data-source]');
  const kind = surface?.dataset.source;
  if (kind === 'message') return { kind, channel: surface.dataset.channel, ts: surface.dataset.ts };
  return { kind: kind === 'home' ? 'home' : 'modal' };
}

async function sendAction(control, value) {
  const source = sourceOf(control);
  await attempt(() =>
    post('/api/action', {
      as: state.user,
      source,
      blockId: control.dataset.blockId,
      actionId: control.dataset.actionId,
      ...(value === undefined ? {} : { value }),
      ...(source.kind === 'modal' ? { values: collectValues() } : {}),
    }),
  );
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const button = target.closest('button.act');
  if (button) {
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
    void sendAction(button);
    return;
  }
  const reply = target.closest('[data-reply]');
  if (reply) return void startThread(reply.dataset.reply);
  if (target.closest('[data-thread-cancel]')) return void endThread();
  const suggestion = target.closest('#mentions [data-name]');
  if (suggestion) return void chooseMention(suggestion.dataset.name);
  const close = target.closest('[data-close]');
  if (close) return void attempt(() => post('/api/close', { as: state.user }));
  const person = target.closest('[data-person]');
  if (person) return void switchPerson(person.dataset.person);
  const tab = target.closest('[data-tab]');
  if (tab) return void showTab(tab.dataset.tab, true);
  const advance = target.closest('[data-advance]');
  if (advance) return void moveClock('/api/clock/advance', { by: advance.dataset.advance });
  if (target.closest('[data-clock="next"]')) return void moveClock('/api/clock/next', {});
});

/** A chosen file goes to the sandbox's Slack at once, as Slack's client uploads it before the form is sent. */
async function uploadFile(control) {
  delete control.dataset.fileId;
  const file = control.files?.[0];
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const answer = await attempt(() => post('/api/upload', { as: state.user, name: file.name, content: window.btoa(binary) }));
  if (answer?.fileId) control.dataset.fileId = answer.fileId;
}

document.addEventListener('change', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (target?.matches('input[type=file].control')) return void uploadFile(target);
  // Elements outside input blocks act at once; inside one, only with dispatch_action.
  const control = target?.closest('.act') ?? target?.closest('.field[data-dispatch] .control');
  if (!control || control.matches('button')) return;
  const kind = control.dataset.el;
  if (kind === 'plain_text_input' || kind === 'number_input' || kind === 'email_text_input' || kind === 'url_text_input') return;
  void sendAction(control, controlValue(kind, control)).then(() => {
    if (kind === 'overflow') control.value = '';
  });
});

document.addEventListener('keydown', (event) => {
  if (event.target === $('#composer-input') && mentionKey(event)) return;
  if (event.key === 'Escape' && !state.modalKey && state.threadTs) return void endThread();
  if (event.key === 'Escape' && state.modalKey) {
    void attempt(() => post('/api/close', { as: state.user }));
    return;
  }
  // A text input with dispatch_action tells the app when Enter is pressed.
  const target = event.target instanceof Element ? event.target : null;
  const control = target?.closest('.field[data-dispatch] input.control');
  if (event.key === 'Enter' && control) {
    event.preventDefault();
    void sendAction(control, control.value);
  }
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  event.preventDefault();
  if (form.id === 'modal-form') return void submitModal();
  if (form.id === 'composer') return void sendComposer(form);
  if (form.id === 'advance-form') {
    const input = form.elements.namedItem('by');
    void moveClock('/api/clock/advance', { by: input.value }).then((answer) => {
      if (answer) input.value = '';
    });
  }
});

async function submitModal() {
  const submit = document.querySelector('[data-submit]');
  if (submit) submit.disabled = true;
  await attempt(() => post('/api/submit', { as: state.user, values: collectValues() }));
  if (submit && document.body.contains(submit)) submit.disabled = false;
  await refresh();
}

async function sendComposer(form) {
  const input = form.elements.namedItem('text');
  const text = input.value.trim();
  if (!text) return;
  const isCommand = text.startsWith('/');
  const payload = { as: state.user, text, ...(!isCommand && state.threadTs ? { threadTs: state.threadTs } : {}) };
  const answer = await attempt(() => post(isCommand ? '/api/command' : '/api/message', payload));
  if (answer) input.value = '';
  hideMentions();
  await refresh();
}

// ---- threads: the composer replies in one until cancelled, as Slack's thread view does ----

function startThread(ts) {
  const message = [...document.querySelectorAll('#conversation .msg')].find((m) => m.dataset.ts === ts);
  const excerpt = message?.querySelector('.msg-body')?.textContent?.trim().replace(/\s+/g, ' ').slice(0, 60) ?? '';
  state.threadTs = ts;
  $('#thread-about').textContent = `Replying in thread: “${excerpt}${excerpt.length === 60 ? '…' : ''}”`;
  $('#thread-bar').hidden = false;
  $('#composer-input').placeholder = 'Reply in thread…';
  $('#composer-input').focus();
}

function endThread() {
  state.threadTs = '';
  $('#thread-bar').hidden = true;
  $('#composer-input').placeholder = 'Type /goal, or write to Cadence';
}

// ---- @mentions: suggestions as the name is typed; the sandbox turns them into <@U…> as Slack does ----

const mentions = { open: false, active: 0, query: '' };

/** The `@name` being typed just before the caret (a full name may hold one space), if any. */
function mentionQuery(input) {
  const before = input.value.slice(0, input.selectionStart ?? input.value.length);
  return /(?:^|[\s(])@([^\s@]*(?: [^\s@]*)?)$/.exec(before)?.[1];
}

function matchingPeople(query) {
  const q = query.toLowerCase();
  return state.people.filter((p) => p.handle.toLowerCase().startsWith(q) || p.name.toLowerCase().split(/\s+/).some((_, i, words) => words.slice(i).join(' ').startsWith(q)));
}

function showMentions() {
  const input = $('#composer-input');
  const query = mentionQuery(input);
  const found = query === undefined ? [] : matchingPeople(query);
  if (found.length === 0) return hideMentions();
  mentions.open = true;
  mentions.query = query;
  mentions.active = Math.min(mentions.active, found.length - 1);
  const list = $('#mentions');
  list.innerHTML = '';
  found.forEach((person, index) => {
    const item = document.createElement('li');
    item.setAttribute('role', 'option');
    item.id = `mention-${index}`;
    item.dataset.name = person.name;
    item.setAttribute('aria-selected', String(index === mentions.active));
    item.append(person.name);
    const handle = document.createElement('span');
    handle.className = 'handle';
    handle.textContent = `@${person.handle}`;
    item.append(handle);
    list.append(item);
  });
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  input.setAttribute('aria-activedescendant', `mention-${mentions.active}`);
}

function hideMentions() {
  mentions.open = false;
  mentions.active = 0;
  $('#mentions').hidden = true;
  $('#composer-input').setAttribute('aria-expanded', 'false');
  $('#composer-input').removeAttribute('aria-activedescendant');
}

function chooseMention(name) {
  const input = $('#composer-input');
  const caret = input.selectionStart ?? input.value.length;
  const start = caret - mentions.query.length - 1;
  input.value = `${input.value.slice(0, start)}@${name} ${input.value.slice(caret)}`;
  const after = start + name.length + 2;
  input.setSelectionRange(after, after);
  input.focus();
  hideMentions();
}

/** Arrow keys, Enter, Tab and Escape while suggestions are open; true when the key was theirs. */
function mentionKey(event) {
  if (!mentions.open) return false;
  const options = [...document.querySelectorAll('#mentions [data-name]')];
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    mentions.active = (mentions.active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
    showMentions();
  } else if (event.key === 'Enter' || event.key === 'Tab') {
    chooseMention(options[mentions.active]?.dataset.name ?? '');
  } else if (event.key === 'Escape') {
    hideMentions();
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}

$('#composer-input').addEventListener('input', () => showMentions());
$('#composer-input').addEventListener('blur', () => hideMentions());
// A click on a suggestion must not take the focus (and the caret) from the composer first.
$('#mentions').addEventListener('mousedown', (event) => event.preventDefault());

/** What a clock move delivered, one line per message, in the order they went out. */
function movedText(answer) {
  if (answer.delivered === null) return 'Nothing is scheduled right now.';
  const lines = answer.sent.map((m) => m.line);
  const head = lines.length === 0 ? 'No messages went out in that time.' : `Delivered ${lines.length} message${lines.length === 1 ? '' : 's'}:`;
  return [head, ...lines.slice(0, 12), ...(lines.length > 12 ? [`…and ${lines.length - 12} more.`] : [])].join('\n');
}

async function moveClock(path, payload) {
  const answer = await attempt(() => post(path, payload));
  if (answer && 'sent' in answer) toast(movedText(answer));
  await refresh();
  return answer;
}

function showTab(tab, opened) {
  state.tab = tab === 'home' ? 'home' : 'messages';
  for (const button of document.querySelectorAll('[data-tab]')) button.setAttribute('aria-selected', String(button.dataset.tab === state.tab));
  $('#panel-messages').hidden = state.tab !== 'messages';
  $('#panel-home').hidden = state.tab !== 'home';
  history.replaceState(null, '', `?as=${encodeURIComponent(state.user)}${state.tab === 'home' ? '#home' : ''}`);
  // Slack tells the app each time someone opens its Home tab.
  if (opened && state.tab === 'home') void attempt(() => post('/api/home-opened', { as: state.user }));
}

async function switchPerson(user) {
  if (!user || user === state.user) return;
  state.user = user;
  body.dataset.user = user;
  state.drawn.clear();
  state.modalKey = '';
  state.modalView = '';
  $('#modal-root').innerHTML = '';
  endThread();
  showTab(state.tab, true);
  await refresh();
}

// ---- live updates ----

function listen() {
  const status = $('#status');
  const events = new EventSource('/api/events');
  events.addEventListener('open', () => {
    status.textContent = 'Live';
    status.dataset.state = 'live';
    void refresh();
  });
  events.addEventListener('change', () => void refresh());
  events.addEventListener('error', () => {
    status.textContent = 'Reconnecting…';
    status.dataset.state = 'offline';
  });
}

const conversation = $('#conversation');
conversation.scrollTop = conversation.scrollHeight;
showTab(location.hash === '#home' ? 'home' : 'messages', location.hash === '#home');
listen();
