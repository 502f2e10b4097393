"use strict";
// Baton's status page: reads the JSON API of the instance that served it, every few seconds.
// Tokens live in sessionStorage only (this tab); nothing is fetched from anywhere else.
(() => {
  const REFRESH_MS = 3000;
  const ADMIN = "baton.adminToken";
  const READ = "baton.readToken";
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  let clockSkewMs = 0; // server time minus this browser's, from the Date header
  let batchCursor = null; // the cursor of the batch page shown; null for the first
  let nextBatchCursor = null;
  let openBatch = null; // {id, cursor, next}
  let readTokenAsked = false;

  function el(tag, attrs, ...children) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }
  const now = () => Date.now() + clockSkewMs;
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "—");
  function ago(iso) {
    if (!iso) return "—";
    const s = Math.max(0, Math.round((now() - Date.parse(iso)) / 1000));
    return s < 120 ? s + " s ago" : Math.round(s / 60) + " min ago";
  }
  function duration(run) {
    if (!run.finishedAt) return "running";
    const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
    return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s";
  }
  function say(text) { $("message").textContent = text; }
  function showError(id, text) { const p = $(id); p.textContent = text || ""; p.hidden = !text; }

  class HttpError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || "HTTP " + status);
      this.status = status;
    }
  }

  async function call(method, path, token) {
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(path, { method, headers, cache: "no-store" });
    const date = response.headers.get("Date");
    if (date) clockSkewMs = Date.parse(date) + 500 - Date.now();
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new HttpError(response.status, body);
    return { status: response.status, body };
  }
  const get = (path) => call("GET", path).then((r) => r.body);
  const readToken = () => sessionStorage.getItem(READ) || sessionStorage.getItem(ADMIN);

  // --- the cluster -----------------------------------------------------------------------------
  function renderCluster(self, cluster) {
    $("served-by").textContent = "Served by " + self.instanceId + " (" + self.role + ", " + self.backend + ")";
    const leader = cluster.leaderInstanceId;
    $("leader").textContent = leader
      ? "Leader: " + leader + " — term " + cluster.term + (self.leaderSince && self.leaderInstanceId === leader ? ", since " + time(self.leaderSince) : "")
      : "No leader right now" + (cluster.term ? " (last term " + cluster.term + ")" : "");
    $("leader").dataset.leader = leader || "";
    const rows = cluster.instances.map((i) => {
      const leads = i.instanceId === leader;
      return el("tr", { "data-instance-id": i.instanceId, class: (leads ? "is-leader " : "") + i.state },
        el("td", {}, i.instanceId, i.instanceId === self.instanceId ? " (this one)" : ""),
        el("td", { class: "role" }, leads ? "LEADER" : i.role),
        el("td", {}, leads ? cluster.term : "—"),
        el("td", {}, i.host + " (pid " + i.pid + ")"),
        el("td", { title: i.heartbeatAt }, ago(i.heartbeatAt)),
        el("td", {}, i.state));
    });
    $("instances").tBodies[0].replaceChildren(...rows);
  }

  // --- the timeline ----------------------------------------------------------------------------
  function renderTimeline(cluster, terms, runs) {
    const minutes = Number($("window").value);
    const span = minutes * 60000;
    const end = now();
    const start = end - span;
    const lanes = [];
    const addLane = (id) => { if (id && !lanes.includes(id)) lanes.push(id); };
    cluster.instances.forEach((i) => addLane(i.instanceId));
    terms.filter((t) => !t.endedAt || Date.parse(t.endedAt) >= start).forEach((t) => addLane(t.holderInstanceId));
    runs.forEach((r) => addLane(r.instanceId));
    const width = 1000, left = 170, right = 10, laneHeight = 34, top = 22;
    const height = top + Math.max(1, lanes.length) * laneHeight + 6;
    const x = (ms) => left + ((Math.min(Math.max(ms, start), end) - start) / span) * (width - left - right);
    const svg = el("svg:svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Terms and job runs of the last " + minutes + " minutes, one lane per instance" });
    for (let i = 0; i <= 5; i++) {
      const at = start + (i * span) / 5;
      svg.append(el("svg:line", { x1: x(at), x2: x(at), y1: top - 4, y2: height, stroke: "#e3e6eb" }),
        el("svg:text", { x: x(at), y: 12, class: "axis", "text-anchor": i === 0 ? "start" : i === 5 ? "end" : "middle" },
          i === 5 ? "now" : "-" + ((5 - i) * minutes) / 5 + " min"));
    }
    lanes.forEach((id, lane) => {
      const y = top + lane * laneHeight;
      svg.append(el("svg:text", { x: 4, y: y + 20, class: "lane-label" }, id.length > 24 ? id.slice(0, 23) + "…" : id));
      terms.filter((t) => t.holderInstanceId === id).forEach((t) => {
        const from = Date.parse(t.acquiredAt), to = t.endedAt ? Date.parse(t.endedAt) : end;
        if (to < start) return;
        const bar = el("svg:rect", { x: x(from), y: y + 3, width: Math.max(3, x(to) - x(from)), height: laneHeight - 16, rx: 3,
          class: "term" + (t.endedAt ? "" : " current"), "data-term": t.term, "data-holder": id });
        bar.append(el("svg:title", {}, "term " + t.term + ": " + time(t.acquiredAt) + " – " + (t.endedAt ? time(t.endedAt) + " (" + t.endReason + ")" : "now")));
        svg.append(bar);
        if (x(to) - x(from) > 48) svg.append(el("svg:text", { x: x(from) + 4, y: y + laneHeight - 17, class: "term-label" }, "term " + t.term));
      });
      runs.filter((r) => r.instanceId === id && Date.parse(r.startedAt) >= start).forEach((r) => {
        const at = x(Date.parse(r.startedAt));
        // Under the term bar, so that a second of runs does not hide the term.
        const tick = el("svg:line", { x1: at, x2: at, y1: y + laneHeight - 12, y2: y + laneHeight - 2, class: "tick " + r.outcome, "data-outcome": r.outcome });
        tick.append(el("svg:title", {}, r.jobName + " #" + r.id + " " + r.outcome + " at " + time(r.startedAt) + " (term " + r.term + ")"));
        svg.append(tick);
      });
    });
    $("timeline").replaceChildren(svg);
    $("history").tBodies[0].replaceChildren(...terms.map((t) => el("tr", { "data-term": t.term },
      el("td", {}, t.term), el("td", {}, t.holderInstanceId), el("td", {}, time(t.acquiredAt)),
      el("td", {}, time(t.endedAt)), el("td", {}, t.endReason || (t.endedAt ? "" : "leading")))));
  }

  // --- the jobs --------------------------------------------------------------------------------
  function schedule(s) { return s.every !== undefined ? "every " + s.every + " s" : s.cron + " (" + s.zone + ")"; }

  function renderJobs(jobs) {
    const rows = jobs.map((job) => el("tr", { "data-job": job.name },
      el("th", { scope: "row" }, job.name),
      el("td", {}, schedule(job.schedule)),
      el("td", {}, job.nextRunAt ? time(job.nextRunAt) : "—"),
      el("td", {}, el("span", { class: "runs" }, ...job.recentRuns.slice(0, 6).map((r) =>
        el("span", { class: "run " + r.outcome, title: "#" + r.id + " started " + time(r.startedAt) + (r.error ? ": " + r.error : "") },
          r.outcome + " " + duration(r))))),
      el("td", { class: "paused" }, job.paused ? "paused" : "no"),
      el("td", {},
        el("button", { type: "button", "data-action": "run", "data-job": job.name }, "Run now"), " ",
        job.paused
          ? el("button", { type: "button", "data-action": "resume", "data-job": job.name }, "Resume")
          : el("button", { type: "button", "data-action": "pause", "data-job": job.name }, "Pause"))));
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset : null;
    $("job-table").tBodies[0].replaceChildren(...rows);
    if (focused && focused.job) {
      const again = document.querySelector('#job-table button[data-job="' + CSS.escape(focused.job) + '"][data-action="' + focused.action + '"]')
        || document.querySelector('#job-table button[data-job="' + CSS.escape(focused.job) + '"]');
      if (again) again.focus();
    }
  }

  function askToken(why) {
    return new Promise((resolve) => {
      const dialog = $("token-dialog");
      $("token-why").textContent = why;
      $("admin-token").value = "";
      const done = (token) => { dialog.close(); resolve(token); };
      $("token-form").onsubmit = (e) => { e.preventDefault(); done($("admin-token").value.trim() || null); };
      $("token-cancel").onclick = () => done(null);
      dialog.oncancel = () => resolve(null);
      dialog.showModal();
      $("admin-token").focus();
    });
  }

  async function act(action, job) {
    let token = sessionStorage.getItem(ADMIN);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!token) {
        token = await askToken(action + " " + job + " needs the admin token.");
        if (!token) { say("Nothing sent: no token given."); return; }
      }
      try {
        const r = await call("POST", "/v1/jobs/" + encodeURIComponent(job) + "/" + action, token);
        sessionStorage.setItem(ADMIN, token);
        if (action === "run") {
          say(r.status === 202 ? "Run of " + job + " requested; the leader (" + (r.body.leaderInstanceId || "?") + ") starts it within a second."
            : "Ran " + job + ": " + (r.body.outcome || "done") + ".");
        } else {
          say((action === "pause" ? "Paused " : "Resumed ") + job + ".");
        }
        refresh();
        return;
      } catch (e) {
        if (e.status === 401) { sessionStorage.removeItem(ADMIN); token = null; say("That token was refused."); continue; }
        say(action + " " + job + " failed: " + e.message);
        return;
      }
    }
  }

  // --- the batches -----------------------------------------------------------------------------
  const DONE = ["completed", "failed", "cancelled", "expired"];

  async function batchRead(path) {
    try {
      const r = await call("GET", path, readToken());
      $("read-token-form").hidden = true;
      return r.body;
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        $("read-token-form").hidden = false;
        if (!readTokenAsked) { readTokenAsked = true; $("read-token").focus({ preventScroll: true }); }
      }
      throw e;
    }
  }

  async function loadBatches() {
    const status = $("batch-status").value;
    const query = new URLSearchParams({ limit: "20" });
    if (status) query.set("status", status);
    if (batchCursor) query.set("after", batchCursor);
    const [page, totals] = await Promise.all([batchRead("/v1/batches?" + query), batchRead("/v1/batches/counts")]);
    const details = await Promise.all(page.batches.map((b) => batchRead("/v1/batches/" + b.id).catch(() => null)));
    const rows = page.batches.map((b, i) => {
      const d = details[i];
      let progress = "—";
      if (d) {
        const total = Object.values(d.itemCounts).reduce((a, n) => a + n, 0);
        const done = DONE.reduce((a, s) => a + (d.itemCounts[s] || 0), 0);
        progress = el("span", {}, el("progress", { max: Math.max(1, total), value: done, "aria-hidden": "true" }), " " + done + " / " + total);
      }
      return el("tr", { "data-batch": b.id },
        el("td", {}, el("button", { type: "button", "data-batch": b.id, title: "Show its items" }, "#" + b.id), " " + b.providerBatchId),
        el("td", {}, b.provider), el("td", {}, b.status), el("td", {}, progress),
        el("td", {}, time(b.lastPolledAt)), el("td", {}, time(b.lastWokenAt)),
        el("td", { class: "error" }, b.pollError || ""));
    });
    $("batch-table").tBodies[0].replaceChildren(...rows);
    $("batch-counts").replaceChildren(...Object.entries(totals.counts).map(([s, n]) =>
      el("span", { "data-status": s, class: n ? "" : "muted" }, s + ": " + n)));
    if (!rows.length) $("batch-counts").append(el("span", {}, "— none listed" + (status ? " with status " + status : "") + "."));
    nextBatchCursor = page.nextCursor;
    $("batches-next").hidden = !nextBatchCursor;
    $("batches-first").hidden = !batchCursor;
  }

  async function showItems() {
    if (!openBatch) return;
    const query = new URLSearchParams({ limit: "50" });
    if (openBatch.cursor) query.set("after", openBatch.cursor);
    const page = await batchRead("/v1/batches/" + openBatch.id + "/items?" + query);
    $("items-title").textContent = "Items of batch #" + openBatch.id;
    $("item-table").tBodies[0].replaceChildren(...page.items.map((item) => el("tr", {},
      el("td", {}, item.customId), el("td", {}, item.requestStatus),
      el("td", { class: "result" }, item.result === null ? "" : JSON.stringify(item.result).slice(0, 300)))));
    openBatch.next = page.nextCursor;
    $("items-next").hidden = !page.nextCursor;
    $("batch-items").hidden = false;
    batchRead("/v1/batches/" + openBatch.id + "/deliveries").then((d) => {
      $("deliveries").textContent = d.deliveries.length
        ? "Webhook: " + d.deliveries.map((x) => x.eventType + " " + x.status + " after " + x.attempts + " attempt(s)" + (x.lastError ? " (" + x.lastError + ")" : "")).join("; ")
        : "No webhook delivery.";
    }, () => { $("deliveries").textContent = ""; });
  }

  // --- refreshing ------------------------------------------------------------------------------
  async function refresh() {
    const [self, cluster, history, runs, jobs] = await Promise.allSettled([
      get("/v1/scheduler"), get("/v1/scheduler/instances"), get("/v1/scheduler/history?limit=100"),
      get("/v1/scheduler/runs?limit=1000"), get("/v1/jobs")]);
    if (self.status === "fulfilled" && cluster.status === "fulfilled") {
      renderCluster(self.value, cluster.value);
      showError("cluster-error", null);
      if (history.status === "fulfilled") {
        renderTimeline(cluster.value, history.value.terms, runs.status === "fulfilled" ? runs.value.runs : []);
      }
    } else {
      showError("cluster-error", "Cannot read the cluster: " + (cluster.reason || self.reason).message);
    }
    if (jobs.status === "fulfilled") { renderJobs(jobs.value.jobs); showError("jobs-error", null); }
    else showError("jobs-error", "Cannot read the jobs: " + jobs.reason.message);
    try { await loadBatches(); showError("batches-error", null); }
    catch (e) { showError("batches-error", "Cannot read the batches: " + e.message); }
    $("refreshed").textContent = "Updated " + new Date().toLocaleTimeString();
  }

  async function loop() {
    try { await refresh(); } catch (e) { say("Refresh failed: " + e.message); }
    setTimeout(loop, REFRESH_MS);
  }

  document.addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (!button) return;
    if (button.dataset.action) act(button.dataset.action, button.dataset.job);
    else if (button.dataset.batch) { openBatch = { id: button.dataset.batch, cursor: null }; showItems().catch((x) => say(x.message)); }
  });
  $("items-next").onclick = (e) => { e.stopPropagation(); openBatch.cursor = openBatch.next; showItems().catch((x) => say(x.message)); };
  $("items-close").onclick = () => { openBatch = null; $("batch-items").hidden = true; };
  $("batches-next").onclick = () => { batchCursor = nextBatchCursor; loadBatches().catch((x) => say(x.message)); };
  $("batches-first").onclick = () => { batchCursor = null; loadBatches().catch((x) => say(x.message)); };
  $("batch-filter").onsubmit = (e) => { e.preventDefault(); batchCursor = null; loadBatches().catch((x) => say(x.message)); };
  $("read-token-form").onsubmit = (e) => {
    e.preventDefault();
    sessionStorage.setItem(READ, $("read-token").value.trim());
    $("read-token").value = "";
    loadBatches().then(() => showError("batches-error", null), (x) => showError("batches-error", x.message));
  };
  $("window").onchange = () => refresh().catch((x) => say(x.message));
  $("forget-tokens").onclick = () => { sessionStorage.removeItem(ADMIN); sessionStorage.removeItem(READ); say("Tokens forgotten."); };
  loop();
})();
