// jirga workbench: explore and what-if. Plain JS, no build step, no network beyond this server.
"use strict";

const J = {session: null, scenario: "baseline", data: null, run: null, busy: 0, detailsJob: null};
window.J = J;

const $ = (s) => document.querySelector(s);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids.flat()) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
};
J.el = el;

async function api(method, path, body) {
  const opts = {method, headers: {}};
  if (body !== undefined) { opts.headers["content-type"] = "application/json"; opts.body = JSON.stringify(body); }
  const r = await fetch(path, opts);
  const type = r.headers.get("content-type") || "";
  const out = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) { const e = new Error((out && out.title) || r.statusText); e.status = r.status; e.body = out; throw e; }
  return out;
}
J.api = api;

function status(text, cls = "") { const s = $("#status"); s.textContent = text; s.className = cls; }
J.status = status;

function problemText(e) {
  if (e.body && e.body.problems && e.body.problems.length)
    return e.body.problems.map(p => `${p.field ? p.field + ": " : ""}${p.message}${p.fix ? " — fix: " + p.fix : ""}`).join("\n");
  return e.message;
}
J.problemText = problemText;

const runSpec = () => ({budget: $("#budget").value, seed: Math.max(0, parseInt($("#seed").value || "0", 10))});
J.runSpec = runSpec;

const fmt = (v, unit) => {
  if (v === null || v === undefined) return unit === "days" ? "beyond horizon" : "–";
  if (unit === "probability") return (100 * v).toFixed(0) + "%";
  if (unit === "days") return Math.round(v) + " days";
  return (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
};
J.fmt = fmt;

// ---- loading and drawing ------------------------------------------------------------------
async function loadSession() {
  J.session = await api("GET", "/api/session");
  $("#workspace").textContent = J.session.workspace;
  $("#save-path").value = J.session.file || "case.yaml";
  fillScenarios();
}

function fillScenarios() {
  const sel = $("#scenario"); sel.innerHTML = "";
  for (const s of J.session.scenarios) sel.append(el("option", {value: s.name}, s.name));
  sel.value = J.scenario;
  if (J.fillVariantChecks) J.fillVariantChecks();
}
J.refreshScenarios = async () => { J.session.scenarios = await api("GET", "/api/scenarios"); fillScenarios(); };

async function loadScenario(name) {
  J.scenario = name;
  J.data = await api("GET", `/api/scenarios/${encodeURIComponent(name)}`);
  drawCase(); drawWhatIf();
}
J.loadScenario = loadScenario;

async function rerun() {
  status("re-running…", "busy");
  try {
    const t0 = performance.now();
    const run = await api("POST", `/api/scenarios/${encodeURIComponent(J.scenario)}/run`, runSpec());
    showRun(run, performance.now() - t0);
  } catch (e) { status(problemText(e), "error"); }
}
J.rerun = rerun;

function showRun(run, ms) {
  J.run = run;
  $("#answer").innerHTML = "";
  for (const a of run.answer) $("#answer").append(el("li", {}, a));
  $("#provenance").textContent = `${run.provenance} · server ${Math.round(run.seconds * 1000)} ms`;
  const t = $("#measures"); t.innerHTML = "";
  const variant = run.scenario !== "baseline";
  t.append(el("tr", {}, el("th", {}, "measure"), el("th", {}, "value"), el("th", {}, "interval"),
    variant ? el("th", {}, "vs baseline (paired)") : ""));
  for (const m of run.measures)
    t.append(el("tr", {"data-key": m.key}, el("td", {}, m.label), el("td", {class: "num"}, fmt(m.value, m.unit)),
      el("td", {class: "num"}, m.low === null && m.high === null ? "" : `${fmt(m.low, m.unit)} – ${fmt(m.high, m.unit)}`),
      variant ? el("td", {class: "num change"}, "…") : ""));
  if (variant) changes(run);
  status(`${run.scenario}: re-run in ${Math.round(ms || run.seconds * 1000)} ms`, "ok");
  drawFigures();
  // the slower details start only once the user pauses, so they never slow the next edit
  clearTimeout(J.detailsTimer);
  J.detailsJob = null;
  $("#details").textContent = "computed when you pause…";
  J.detailsTimer = setTimeout(async () => {
    try { const job = await api("POST", `/api/scenarios/${encodeURIComponent(J.scenario)}/details`, runSpec()); watchDetails(job.id); }
    catch (e) { $("#details").textContent = problemText(e); }
  }, 1500);
}
J.showRun = showRun;

// a variant's change against the baseline, beside each quantity (no attribution: cheap)
async function changes(run) {
  try {
    const out = await api("POST", "/api/compare", {baseline: "baseline", variants: [run.scenario], run: runSpec(), attribute: false});
    if (!J.run || J.run !== run) return;
    const rows = Object.fromEntries(out.variants[0].rows.map(r => [r.key, r]));
    for (const tr of document.querySelectorAll("#measures tr[data-key]")) {
      const r = rows[tr.dataset.key], td = tr.querySelector("td.change");
      if (!td) continue;
      td.textContent = !r || r.change === null ? "–" : J.signed(r.change, r.unit);
      if (r && r.low !== null) td.append(el("small", {}, `${J.signed(r.low, r.unit)} to ${J.signed(r.high, r.unit)}`));
    }
  } catch (e) { /* the comparison tab shows the problem */ }
}

async function drawFigures() {
  const spec = runSpec();
  const version = J.run ? J.run.version : 0;
  await Promise.all([...document.querySelectorAll("[data-figure]")].map(async (div) => {
    const name = div.dataset.figure;
    try {
      const fig = await api("GET", `/api/scenarios/${encodeURIComponent(J.scenario)}/figures/${name}?budget=${spec.budget}&seed=${spec.seed}`);
      await Plotly.react(div, fig.data, fig.layout, {displaylogo: false, responsive: true});
      div.dataset.version = String(version);
      div.dataset.drawn = JSON.stringify(fig.data.map(d => d.y || d.x || []).slice(0, 2)).length + ":" + Date.now();
    } catch (e) {
      Plotly.purge(div); div.innerHTML = ""; div.append(el("p", {class: "muted"}, `${name}: ${problemText(e)}`));
    }
  }));
  document.body.dataset.figuresVersion = String(version);
}

function watchDetails(jobId) {
  if (!jobId) return;
  J.detailsJob = jobId;
  $("#details").textContent = "computing…";
  const poll = async () => {
    if (J.detailsJob !== jobId) return;
    let job;
    try { job = await api("GET", `/api/jobs/${jobId}`); } catch (e) { return; }
    if (job.state === "queued" || job.state === "running") {
      $("#details").textContent = `computing: ${job.step} (${job.done}/${job.total})`;
      setTimeout(poll, 400); return;
    }
    if (job.state !== "done") { $("#details").textContent = `details ${job.state}${job.error ? ": " + job.error : ""}`; return; }
    const spec = runSpec();
    const d = await api("GET", `/api/scenarios/${encodeURIComponent(J.scenario)}/details?budget=${spec.budget}&seed=${spec.seed}`);
    const box = $("#details"); box.innerHTML = "";
    for (const [step, v] of Object.entries(d.details)) {
      box.append(el("h4", {}, step + (v.ok ? "" : ` — not run: ${v.problem}`)));
      if (v.summary && v.summary.length) {
        const t = el("table", {class: "grid small"});
        const cols = Object.keys(v.summary[0]).slice(0, 6);
        t.append(el("tr", {}, cols.map(c => el("th", {}, c))));
        for (const r of v.summary.slice(0, 12))
          t.append(el("tr", {}, cols.map(c => el("td", {}, typeof r[c] === "number" ? r[c].toFixed(3) : String(r[c] ?? "")))));
        box.append(t);
      }
    }
  };
  poll();
}

function drawCase() {
  const c = J.data.case;
  $("#case-title").textContent = c.title;
  $("#question").textContent = c.question || "What the mediation changes";
  const est = (e) => typeof e === "number" ? String(e) : `${e.mode} (${e.low}–${e.high})`;
  const a = $("#actors"); a.innerHTML = "";
  a.append(el("tr", {}, ["id", "name", "role", "kind", "capability"].map(h => el("th", {}, h))));
  for (const x of c.actors) a.append(el("tr", {}, el("td", {}, x.id), el("td", {}, x.name), el("td", {}, x.role), el("td", {}, x.kind), el("td", {}, est(x.capability))));
  const iss = $("#issues"); iss.innerHTML = "";
  for (const i of c.issues || []) {
    iss.append(el("h4", {}, `${i.id}: ${i.question}`), el("p", {class: "muted"}, `0 = ${i.scale["0"]}; 100 = ${i.scale["100"]}`));
    const t = el("table", {class: "grid small"});
    t.append(el("tr", {}, el("th", {}, "actor"), el("th", {}, "position"), el("th", {}, "salience")));
    for (const [who, st] of Object.entries(i.positions)) t.append(el("tr", {}, el("td", {}, who), el("td", {}, est(st.position)), el("td", {}, est(st.salience))));
    iss.append(t);
  }
  const ag = $("#agreements"); ag.innerHTML = "";
  ag.append(el("tr", {}, ["id", "kind", "parties", "mediators", "start", "end"].map(h => el("th", {}, h))));
  for (const x of c.agreements || []) ag.append(el("tr", {}, el("td", {}, x.id), el("td", {}, x.kind), el("td", {}, (x.parties || []).join(", ")), el("td", {}, (x.mediators || []).join(", ")), el("td", {}, x.start), el("td", {}, x.end || "holding")));
  const ev = $("#events"); ev.innerHTML = "";
  ev.append(el("tr", {}, ["date", "source", "target", "CAMEO", "description", "sources"].map(h => el("th", {}, h))));
  for (const x of c.events || []) ev.append(el("tr", {}, el("td", {}, x.date), el("td", {}, x.source), el("td", {}, (x.target || []).join(", ")), el("td", {}, x.cameo), el("td", {}, x.description), el("td", {}, (x.sources || []).join(", "))));
  const so = $("#sources"); so.innerHTML = "";
  for (const s of c.sources) so.append(el("li", {}, `${s.id}: ${s.title}${s.publisher ? " (" + s.publisher + ")" : ""}`));
}

// ---- what-if controls ------------------------------------------------------------------------
const asRange = (e) => typeof e === "number" ? {low: e, mode: e, high: e} : {...e};

// three sliders that keep low <= mode <= high; calls onChange(range) when one is released
function rangeSlider(label, value, min, max, step, onChange, testid) {
  const r = asRange(value);
  const box = el("div", {class: "range", "data-testid": testid || ""});
  const out = el("span", {class: "val"});
  const inputs = {};
  const show = () => { out.textContent = `${r.mode} (${r.low}–${r.high})`; };
  for (const k of ["low", "mode", "high"]) {
    const inp = el("input", {type: "range", min, max, step, value: r[k], "aria-label": `${label} ${k}`, "data-part": k});
    inp.addEventListener("input", () => {
      const v = parseFloat(inp.value); r[k] = v;
      if (k === "low") { if (r.mode < v) r.mode = v; if (r.high < v) r.high = v; }
      if (k === "mode") { if (r.low > v) r.low = v; if (r.high < v) r.high = v; }
      if (k === "high") { if (r.mode > v) r.mode = v; if (r.low > v) r.low = v; }
      for (const kk of ["low", "mode", "high"]) inputs[kk].value = r[kk];
      show();
    });
    inp.addEventListener("change", () => onChange({low: r.low, mode: r.mode, high: r.high}));
    inputs[k] = inp;
  }
  show();
  box.append(el("div", {class: "rlabel"}, label, " ", out), inputs.low, inputs.mode, inputs.high);
  return box;
}
J.rangeSlider = rangeSlider;

async function edit(edits) {
  $("#edit-problems").textContent = "";
  status("re-running…", "busy");
  const t0 = performance.now();
  try {
    const out = await api("POST", `/api/scenarios/${encodeURIComponent(J.scenario)}/edits`, {edits, run: runSpec()});
    J.data = out; drawCase(); drawWhatIf();
    showRun(out.run, performance.now() - t0);
  } catch (e) { $("#edit-problems").textContent = problemText(e); status("edit refused", "error"); }
}
J.edit = edit;

function drawWhatIf() {
  const c = J.data.case;
  const issueSel = $("#issue");
  const current = issueSel.value;
  issueSel.innerHTML = "";
  for (const i of c.issues || []) issueSel.append(el("option", {value: i.id}, i.id));
  if (current && (c.issues || []).some(i => i.id === current)) issueSel.value = current;
  drawStances();
  const caps = $("#capabilities"); caps.innerHTML = "";
  for (const a of c.actors)
    caps.append(rangeSlider(a.id, a.capability, 0, 100, 1, (v) => edit([{op: "capability", actor: a.id, capability: v}]), `cap-${a.id}`));
  drawMediator(); drawThird();
  const ol = $("#edits"); ol.innerHTML = "";
  for (const e of J.data.edits) ol.append(el("li", {}, e.label));
}

function drawStances() {
  const c = J.data.case;
  const issue = (c.issues || []).find(i => i.id === $("#issue").value);
  const box = $("#stances"); box.innerHTML = "";
  if (!issue) return;
  for (const [who, st] of Object.entries(issue.positions)) {
    box.append(el("h4", {}, who),
      rangeSlider("position", st.position, 0, 100, 1, (v) => edit([{op: "stance", issue: issue.id, actor: who, position: v}]), `pos-${issue.id}-${who}`),
      rangeSlider("salience", st.salience, 0, 1, 0.01, (v) => edit([{op: "stance", issue: issue.id, actor: who, salience: v}]), `sal-${issue.id}-${who}`));
  }
}

function mediatorId() {
  const c = J.data.case;
  const ags = (c.agreements || []).filter(a => (a.kind || "").includes("ceasefire") && (a.mediators || []).length);
  if (ags.length) return ags[ags.length - 1].mediators[0];
  const m = c.actors.find(a => a.role === "mediator");
  return m ? m.id : null;
}

function paramValue(actor, key, dflt) {
  const p = (actor && actor.parameters) || {};
  return p[key] !== undefined ? p[key] : dflt;
}

function drawMediator() {
  const box = $("#mediator"); box.innerHTML = "";
  const mid = mediatorId();
  const params = (J.session && J.session.parameters) || [];
  if (!mid) { box.append(el("p", {class: "muted"}, "The truce has no mediator.")); return; }
  const actor = J.data.case.actors.find(a => a.id === mid);
  box.append(el("p", {class: "muted"}, `Mediator: ${actor ? actor.name : mid}. Unset values are the model's defaults (lean and leverage are otherwise read from its positions and ties).`));
  for (const key of ["bias", "leverage_group", "leverage_state"]) {
    const p = params.find(x => x.key === key && x.owner === "mediator");
    if (!p) continue;
    const v = paramValue(actor, key, {low: p.low, mode: p.mode, high: p.high});
    box.append(rangeSlider(key === "bias" ? "lean (0 state – 1 group)" : key.replace("_", " over "), v, 0, 1, 0.01,
      (r) => edit([{op: "parameter", on: "actor", id: mid, key, value: r}]), `med-${key}`));
  }
  const sel = $("#param-key");
  if (!sel.options.length) {
    for (const p of params) if (!["bias", "leverage_group", "leverage_state"].includes(p.key) || p.owner !== "mediator")
      sel.append(el("option", {value: p.name}, `${p.name}${p.calibrated ? " (calibrated: re-fits)" : ""}`));
    sel.addEventListener("change", drawParam);
  }
  drawParam();
}

function agreementId() {
  const ags = (J.data.case.agreements || []).filter(a => (a.kind || "").includes("ceasefire"));
  return ags.length ? ags[ags.length - 1].id : null;
}

function drawParam() {
  const box = $("#param"); box.innerHTML = "";
  const p = ((J.session && J.session.parameters) || []).find(x => x.name === $("#param-key").value);
  const agr = (J.data.case.agreements || []).find(a => a.id === agreementId());
  if (!p || !agr) return;
  const v = paramValue(agr, p.name, {low: p.low, mode: p.mode, high: p.high});
  const lo = Math.min(0, p.low * 2), hi = Math.max(p.high * 2, 1);
  box.append(el("p", {class: "muted"}, p.meaning), rangeSlider(p.name, v, lo, hi, (hi - lo) / 200,
    (r) => edit([{op: "parameter", on: "agreement", id: agr.id, key: p.name, value: r}]), `param-${p.name}`));
}

function drawThird() {
  const c = J.data.case;
  const principals = new Set([...(c.analysis && c.analysis.principals) || [], ...(c.agreements || []).flatMap(a => a.parties || [])]);
  const box = $("#third"); box.innerHTML = "";
  for (const a of c.actors) {
    if (principals.has(a.id)) continue;
    box.append(el("div", {class: "third"}, `${a.name} (${a.role}) `,
      el("button", {"data-remove": a.id, onclick: () => edit([{op: "remove_actor", actor: a.id}])}, "remove")));
  }
}

function addActor() {
  const c = J.data.case;
  const id = $("#new-id").value.trim();
  const stances = {};
  for (const i of c.issues || []) stances[i.id] = {position: parseFloat($("#new-pos").value), salience: parseFloat($("#new-sal").value)};
  edit([{op: "add_actor", actor: {id, name: $("#new-name").value, kind: $("#new-kind").value, role: $("#new-role").value,
    capability: parseFloat($("#new-cap").value)}, stances}]);
}

// ---- wiring --------------------------------------------------------------------------------
function tabs() {
  for (const b of document.querySelectorAll("nav button")) b.addEventListener("click", () => {
    for (const x of document.querySelectorAll("nav button")) x.classList.toggle("active", x === b);
    for (const s of document.querySelectorAll(".tab")) s.classList.toggle("active", s.id === "tab-" + b.dataset.tab);
    if (b.dataset.tab === "explore") for (const d of document.querySelectorAll("[data-figure]")) if (d.data) Plotly.Plots.resize(d);
  });
}

async function main() {
  tabs();
  $("#rerun").addEventListener("click", rerun);
  $("#issue").addEventListener("change", drawStances);
  $("#add-actor").addEventListener("click", addActor);
  $("#undo").addEventListener("click", async () => {
    try { J.data = await api("POST", `/api/scenarios/${encodeURIComponent(J.scenario)}/undo`, {count: 1}); drawCase(); drawWhatIf(); rerun(); }
    catch (e) { $("#edit-problems").textContent = problemText(e); }
  });
  $("#scenario").addEventListener("change", async (ev) => { await loadScenario(ev.target.value); rerun(); });
  $("#add-variant").addEventListener("click", async () => {
    const name = $("#variant-name").value.trim();
    try {
      await api("POST", "/api/scenarios", {name, copy_of: J.scenario});
      J.scenario = name; await J.refreshScenarios(); await loadScenario(name); rerun();
    } catch (e) { $("#edit-problems").textContent = problemText(e); }
  });
  await loadSession();
  await loadScenario("baseline");
  await rerun();
  document.body.dataset.ready = "1";
}
window.addEventListener("DOMContentLoaded", () => main().catch(e => status(problemText(e), "error")));
