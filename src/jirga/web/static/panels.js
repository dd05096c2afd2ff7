// jirga workbench: compare, evidence in, save and the full run.
"use strict";
(function () {
  const J = window.J, el = J.el, api = J.api;
  const $ = (s) => document.querySelector(s);

  // ---- compare --------------------------------------------------------------------------
  J.fillVariantChecks = function () {
    const box = $("#variant-checks"); box.innerHTML = "";
    for (const s of J.session.scenarios) {
      if (s.name === "baseline") continue;
      box.append(el("label", {class: "check"}, el("input", {type: "checkbox", value: s.name, checked: "checked"}), ` ${s.name} (${s.edits.length} edits)`));
    }
  };

  const signed = (v, unit) => {
    if (v === null || v === undefined) return "–";
    if (unit === "probability") return (v >= 0 ? "+" : "") + (100 * v).toFixed(0) + " pp";
    if (unit === "days") return (v >= 0 ? "+" : "") + Math.round(v) + " days";
    return (v >= 0 ? "+" : "") + v.toFixed(1);
  };

  J.signed = signed;

  async function compare() {
    const variants = [...document.querySelectorAll("#variant-checks input:checked")].map(x => x.value);
    const box = $("#comparison"); box.innerHTML = "";
    if (!variants.length) { box.append(el("p", {class: "muted"}, "Add a variant on the What-if tab first.")); return; }
    J.status("comparing…", "busy");
    try {
      const out = await api("POST", "/api/compare", {baseline: "baseline", variants, run: J.runSpec(), attribute: true});
      for (const v of out.variants) {
        box.append(el("h3", {}, `${v.scenario} vs baseline`), el("p", {class: "muted"}, `edits: ${v.edits.join("; ") || "none"}`));
        const t = el("table", {class: "grid compare", "data-variant": v.scenario});
        t.append(el("tr", {}, ["measure", "baseline", v.scenario, "change", "interval of the change", "moved most by"].map(h => el("th", {}, h))));
        for (const r of v.rows) {
          const moved = Math.abs(r.change || 0) > 1e-9;
          t.append(el("tr", {class: moved ? "moved" : ""}, el("td", {}, r.label), el("td", {class: "num"}, J.fmt(r.baseline, r.unit)),
            el("td", {class: "num"}, J.fmt(r.variant, r.unit)), el("td", {class: "num"}, signed(r.change, r.unit)),
            el("td", {class: "num"}, r.low === null ? (r.paired ? "" : "not paired") : `${signed(r.low, r.unit)} to ${signed(r.high, r.unit)}`),
            el("td", {}, r.moved_by || "")));
        }
        box.append(t);
      }
      box.append(el("p", {class: "muted"}, `${out.paired}; budget ${out.budget.name}, seed ${out.seed}.`));
      J.status("compared", "ok");
    } catch (e) { box.append(el("p", {class: "problems"}, J.problemText(e))); J.status("compare failed", "error"); }
  }

  // ---- evidence in ----------------------------------------------------------------------
  let coded = null;
  const FIELDS = ["date", "source", "target", "cameo", "description"];

  async function code() {
    const text = $("#art-text").value;
    const body = {text};
    if ($("#art-title").value) body.title = $("#art-title").value;
    if ($("#art-date").value) body.published = $("#art-date").value;
    const box = $("#proposals"); box.innerHTML = "";
    try {
      coded = await api("POST", `/api/scenarios/${encodeURIComponent(J.scenario)}/evidence/code`, body);
    } catch (e) { box.append(el("p", {class: "problems"}, J.problemText(e))); return; }
    $("#evidence-status").textContent = `${coded.proposals.length} events coded; source '${coded.source.id}'.`;
    coded.proposals.forEach((p, i) => {
      p.decision = "pending";
      const card = el("div", {class: "proposal", "data-index": i});
      card.append(el("p", {class: "sentence"}, `“${p.sentence}”`), el("p", {class: "muted"}, `${p.name} (${p.trigger})`));
      for (const f of FIELDS) {
        const v = f === "target" ? p.event.target.join(", ") : (p.event[f] ?? "");
        const inp = el("input", {value: v, "data-field": f, size: f === "description" ? 70 : 14});
        inp.addEventListener("change", () => { p.event[f] = f === "target" ? inp.value.split(",").map(s => s.trim()).filter(Boolean) : inp.value; });
        card.append(el("label", {}, f, " ", inp));
      }
      if (p.problems.length) card.append(el("p", {class: "problems"}, p.problems.map(x => `${x.field}: ${x.message}`).join("; ")));
      const state = el("span", {class: "decision"}, "pending");
      const decide = (d) => { p.decision = d; state.textContent = d; card.className = "proposal " + d; $("#accept").disabled = !coded.proposals.some(x => x.decision === "accepted"); };
      card.append(el("button", {class: "acc", onclick: () => decide("accepted")}, "accept"),
        el("button", {class: "rej", onclick: () => decide("rejected")}, "reject"), state);
      box.append(card);
    });
  }

  async function accept() {
    const events = coded.proposals.filter(p => p.decision === "accepted").map(p => p.event);
    try {
      const out = await api("POST", "/api/evidence/accept", {scenario: J.scenario, source: coded.source, events, run: J.runSpec()});
      J.data = out; await J.loadScenario(J.scenario); J.showRun(out.run);
      $("#evidence-status").textContent = `added ${events.length} event(s) and source '${coded.source.id}' to ${J.scenario}.`;
      $("#proposals").innerHTML = ""; $("#accept").disabled = true;
    } catch (e) { $("#evidence-status").textContent = J.problemText(e); }
  }

  // ---- save and the full run ------------------------------------------------------------
  function askOverwrite(path) {
    const box = $("#save-status"); box.innerHTML = "";
    box.append(`${path} exists. `, el("button", {id: "overwrite", onclick: () => save(true)}, "Overwrite it"));
  }

  async function save(overwrite) {
    const path = $("#save-path").value.trim();
    // ask first (the server refuses with 409 too, should the file appear meanwhile)
    if (!overwrite) {
      try { if ((await api("GET", "/api/files")).includes(path)) { askOverwrite(path); return; } } catch (e) { /* the save reports it */ }
    }
    try {
      const out = await api("POST", "/api/save", {scenario: J.scenario, path, overwrite: !!overwrite});
      $("#save-status").textContent = `saved ${out.path} (${out.bytes} bytes)`;
    } catch (e) {
      if (e.status === 409 && !overwrite) { askOverwrite(path); return; }
      $("#save-status").textContent = J.problemText(e);
    }
  }

  async function fullRun() {
    try {
      const job = await api("POST", `/api/scenarios/${encodeURIComponent(J.scenario)}/full`, J.runSpec());
      const cancel = el("button", {id: "cancel"}, "cancel");
      cancel.addEventListener("click", () => api("DELETE", `/api/jobs/${job.id}`));
      const s = $("#status"); s.textContent = "full run starting… "; s.append(cancel);
      const src = new EventSource(`/api/jobs/${job.id}/events`);
      src.addEventListener("progress", (ev) => {
        const j = JSON.parse(ev.data);
        if (j.state === "running" || j.state === "queued") { s.firstChild.textContent = `full run: ${j.step} (${j.done}/${j.total}) `; return; }
        src.close();
        J.status(`full run ${j.state}${j.error ? ": " + j.error : ""} (${j.seconds.toFixed(1)} s)`, j.state === "done" ? "ok" : "error");
        if (j.state === "done") {
          const a = $("#download-report"); a.classList.remove("disabled");
          a.href = `/api/scenarios/${encodeURIComponent(J.scenario)}/report`;
        }
      });
    } catch (e) { J.status(J.problemText(e), "error"); }
  }

  window.addEventListener("DOMContentLoaded", () => {
    $("#compare-run").addEventListener("click", compare);
    $("#code").addEventListener("click", code);
    $("#accept").addEventListener("click", accept);
    $("#save").addEventListener("click", () => save(false));
    $("#full").addEventListener("click", fullRun);
    $("#download-yaml").addEventListener("click", (ev) => { ev.currentTarget.href = `/api/download/${encodeURIComponent(J.scenario)}`; });
    $("#art-file").addEventListener("change", async (ev) => {
      const f = ev.target.files[0]; if (!f) return;
      $("#art-text").value = await f.text(); if (!$("#art-title").value) $("#art-title").value = f.name;
    });
  });
})();
