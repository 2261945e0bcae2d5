/** The page served at `/`: layout, the guide, and the regions as they are now. */
import type { Regions } from '../snapshot';
import { attrs, escapeHtml } from './html';

/** Who the composer suggests after `@`: each person's full name and handle. */
export interface MentionOption {
  name: string;
  handle: string;
}

export function shellHtml(regions: Regions, workspaceName: string, people: readonly MentionOption[]): string {
  const modal = regions.modal ? regions.modal.html : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cadence sandbox</title>
<link rel="stylesheet" href="/assets/sandbox.css">
</head>
<body${attrs({ 'data-user': regions.user, 'data-modal-key': regions.modal?.key ?? '', 'data-modal-view': regions.modal?.viewId ?? '', 'data-people': JSON.stringify(people) })}>
<header class="topbar">
  <div class="brand"><span class="app-icon">C</span>Cadence <span class="badge">sandbox</span></div>
  <div class="workspace">${escapeHtml(workspaceName)} · a Slack workspace simulated on your machine</div>
  <div class="status" id="status" aria-live="polite"></div>
</header>
<div class="layout">
  <aside class="sidebar" aria-label="People">
    <h2>Who are you?</h2>
    <nav id="people">${regions.people}</nav>
  </aside>
  <main class="app" aria-label="Cadence">
    <div class="app-header">
      <div class="app-title"><span class="app-icon">C</span><span>Cadence</span></div>
      <div class="tabs" role="tablist">
        <button type="button" role="tab" id="tab-messages" data-tab="messages" aria-selected="true">Messages</button>
        <button type="button" role="tab" id="tab-home" data-tab="home" aria-selected="false">Home</button>
      </div>
    </div>
    <section id="panel-messages" class="panel" role="tabpanel" aria-labelledby="tab-messages">
      <div id="conversation" class="conversation">${regions.conversation}</div>
      <div class="composer-wrap">
        <div id="thread-bar" class="thread-bar" hidden><span id="thread-about">Replying in thread</span><button type="button" data-thread-cancel>Cancel</button></div>
        <ul id="mentions" class="mentions" role="listbox" aria-label="People to mention" hidden></ul>
        <form id="composer" class="composer" autocomplete="off">
          <input id="composer-input" name="text" maxlength="4000" placeholder="Type /goal, or write to Cadence" aria-label="Message Cadence" role="combobox" aria-autocomplete="list" aria-controls="mentions" aria-expanded="false">
          <button type="submit" class="btn btn-primary">Send</button>
        </form>
      </div>
      <div class="composer-hint">Try <code>/goal</code> · <code>/goal list @priya</code> · <code>/checkin</code> · <code>/review</code> · <code>@</code> mentions someone · <strong>Reply in thread</strong> on a message answers in its thread</div>
    </section>
    <section id="panel-home" class="panel" role="tabpanel" aria-labelledby="tab-home" hidden>
      <div id="home" class="home">${regions.home}</div>
    </section>
  </main>
  <aside class="guide" aria-label="About this sandbox">
    <section class="card">
      <h2>What you are looking at</h2>
      <p>A pretend Slack workspace running on your machine, with five people. The Cadence bot is the real one: each command and click goes to it as a signed Slack request, and what it sends back appears here as it would in Slack. Nothing leaves your computer.</p>
    </section>
    <section class="card">
      <h2>Try this first</h2>
      <ol>
        <li>You are <strong>Alex</strong>, an engineer. Type <code>/goal</code> in the message box and press Enter.</li>
        <li>Fill in the form and press <strong>Create goal</strong>. Try a target date in the past first to see the form's error.</li>
        <li>Cadence confirms the goal in a message; open <strong>Home</strong> to see your goals.</li>
        <li>Switch person on the left to see Cadence through a manager's or an HR admin's eyes.</li>
        <li>Chat with Cadence's assistant: write <code>help</code>, then <code>goals</code> or <code>progress &lt;key result&gt; &lt;value&gt;</code>. No AI key needed: without one it follows a fixed grammar.</li>
      </ol>
    </section>
    <section class="card">
      <h2>Run a review cycle</h2>
      <ol>
        <li>As <strong>Dana</strong> (HR admin), type <code>/review admin</code>, press <strong>New cycle</strong>: the <em>Half-year review</em> template, Priya’s team or Alex alone, and due dates (a self-assessment due within 14 days opens at once). <strong>Create</strong>, then <strong>Launch</strong>.</li>
        <li>Press <strong>1 day</strong> under Time until Alex’s self-assessment invitation arrives.</li>
        <li>As <strong>Alex</strong>, type <code>/review</code> and <strong>Open the form</strong>. <strong>Draft with AI</strong> drafts an answer from Alex’s goals and check-in, each sentence with its source; <strong>Use this draft</strong>, edit, <strong>Save</strong>.</li>
        <li>As Alex, <code>/feedback list</code>, <strong>View summary</strong>, <strong>Draft a synthesis</strong>: the 360 Arjun, Sofia and Dana answered, synthesised.</li>
        <li>As <strong>Priya</strong>, <code>/review</code>: write the review and <strong>Set the time</strong> of the conversation. Move the clock on for her prep pack (<strong>Suggest questions</strong>), then <strong>Write and share the summary</strong>.</li>
        <li>Advance the clock until both get <em>A review summary is ready to sign off</em>; <strong>Read and sign off</strong> as each.</li>
      </ol>
      <p class="fine">No AI key needed: without one, drafts are built from the records themselves.</p>
    </section>
    <section class="card">
      <h2>Time</h2>
      <div id="clock" class="clock">${regions.clock}</div>
      <div class="clock-controls">
        <button type="button" class="btn btn-primary" data-clock="next">Deliver what is scheduled next</button>
        <div class="advance">
          <span>Advance by</span>
          <button type="button" class="btn" data-advance="1h">1 hour</button>
          <button type="button" class="btn" data-advance="1d">1 day</button>
          <button type="button" class="btn" data-advance="1w">1 week</button>
        </div>
        <form id="advance-form" class="advance-form">
          <input name="by" placeholder="e.g. 3d 4h" aria-label="How far to advance" maxlength="40">
          <button type="submit" class="btn">Advance</button>
        </form>
      </div>
      <p class="fine">Reminders and follow-ups go out when Cadence's own scheduler finds them due on this clock, exactly as in production.</p>
    </section>
    <section class="card fine">
      <p>Goals and these conversations are stored in <code>./data</code> (an embedded PostgreSQL), so they are still here after a restart; delete that folder to start over.</p>
    </section>
  </aside>
</div>
<div id="modal-root">${modal}</div>
<div id="toast" class="toast" role="alert" hidden></div>
<script type="module" src="/assets/sandbox.js"></script>
</body>
</html>`;
}
