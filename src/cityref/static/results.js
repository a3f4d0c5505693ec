"use strict";
/* The results table of the query pages. It asks the server for SPARQL JSON (SELECT, ASK) or N-Triples
   (CONSTRUCT, DESCRIBE), asks POST /labels for the label of every IRI in the reader's language, and shows a
   table that pages and sorts in the browser. Every text goes in with textContent: labels and values that users
   wrote are shown as text, never read as markup. Interface text comes translated from the page (data-text). */
window.cityrefResults = (() => {
  const region = document.getElementById("results");
  const T = JSON.parse(region.dataset.text);
  const lang = region.dataset.lang, keep = region.dataset.keepLang, root = region.dataset.root || "";
  const status = document.getElementById("results-status");
  const errorBox = document.getElementById("results-error");
  const tableBox = document.getElementById("results-table");
  const downloads = document.getElementById("results-downloads");
  const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";
  const LABEL_BATCH = 500;
  const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedLong|unsignedInt)$/;
  let prefixes = {};

  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };
  const withLang = (path) => (keep ? path + (path.includes("?") ? "&" : "?") + new URLSearchParams({lang: keep}) : path);

  function compact(iri) {
    for (const [name, ns] of Object.entries(prefixes)) if (iri.startsWith(ns) && iri.length > ns.length) return name + ":" + iri.slice(ns.length);
    return iri;
  }

  /** N-Triples lines as [s, p, o] of SPARQL JSON terms (what the engine writes: one triple a line). */
  function parseNTriples(text) {
    const term = String.raw`<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?`;
    const line = new RegExp(`^\\s*(?:${term})\\s+(?:${term})\\s+(?:${term})\\s*\\.\\s*$`);
    const unescape = (s) => s.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)/g, (m, u, U, c) =>
      u || U ? String.fromCodePoint(parseInt(u || U, 16)) : ({t: "\t", n: "\n", r: "\r", b: "\b", f: "\f"}[c] ?? c));
    const read = (m, i) => m[i] !== undefined ? {type: "uri", value: m[i]}
      : m[i + 1] !== undefined ? {type: "bnode", value: m[i + 1]}
      : Object.assign({type: "literal", value: unescape(m[i + 2])}, m[i + 3] ? {"xml:lang": m[i + 3]} : {}, m[i + 4] ? {datatype: m[i + 4]} : {});
    const triples = [];
    for (const raw of text.split("\n")) {
      if (!raw.trim() || raw.trim().startsWith("#")) continue;
      const m = line.exec(raw);
      if (m) triples.push([read(m, 1), read(m, 6), read(m, 11)]);
    }
    return triples;
  }

  async function fetchLabels(iris) {
    const found = {};
    for (let i = 0; i < iris.length; i += LABEL_BATCH) {
      const response = await fetch(root + "/labels", {
        method: "POST",
        headers: {"Content-Type": "application/json", Accept: "application/json"},
        body: JSON.stringify({iris: iris.slice(i, i + LABEL_BATCH), lang}),
      });
      if (response.ok) Object.assign(found, (await response.json()).labels);
    }
    return found;
  }

  /** A cell: what it shows, how it sorts, and where it links. */
  function cell(term, labels) {
    if (!term) return {text: "", key: "", term: null};
    if (term.type === "uri") {
      const label = labels[term.value];
      const href = label && label.href ? withLang(root + label.href)
        : withLang(root + "/sparql?" + new URLSearchParams({query: `DESCRIBE <${term.value}>`}));
      const text = label ? label.label : compact(term.value);
      return {text, key: text.toLowerCase(), term, href, lang: label ? label.lang : null};
    }
    if (term.type === "bnode") return {text: "_:" + term.value, key: term.value, term};
    const numeric = term.datatype && NUMERIC.test(term.datatype) && !isNaN(Number(term.value));
    return {text: term.value, key: numeric ? Number(term.value) : term.value.toLowerCase(), term, lang: term["xml:lang"] || null, numeric};
  }

  function table(columns, rows) {
    const state = {sort: null, descending: false, page: 0, perPage: 25};
    const holder = el("div");
    const draw = () => {
      const ordered = rows.slice();
      if (state.sort !== null) {
        const c = state.sort;
        ordered.sort((a, b) => {
          const x = a[c].key, y = b[c].key;
          const order = typeof x === "number" && typeof y === "number" ? x - y
            : String(x).localeCompare(String(y), lang, {numeric: true});
          return state.descending ? -order : order;
        });
      }
      const pages = Math.max(1, Math.ceil(ordered.length / state.perPage));
      state.page = Math.min(state.page, pages - 1);
      const first = state.page * state.perPage, shown = ordered.slice(first, first + state.perPage);
      const head = el("tr", {}, ...columns.map((name, c) => {
        const th = el("th", {scope: "col"});
        const button = el("button", {type: "button", className: "sort"}, name);
        button.setAttribute("aria-label", fill(T.sortHint, {column: name}));
        button.addEventListener("click", () => {
          state.descending = state.sort === c ? !state.descending : false;
          state.sort = c;
          state.page = 0;
          draw();
          holder.querySelectorAll("th button")[c].focus();
        });
        th.setAttribute("aria-sort", state.sort === c ? (state.descending ? "descending" : "ascending") : "none");
        th.append(button);
        return th;
      }));
      const body = el("tbody", {}, ...shown.map((row) => el("tr", {}, ...row.map((value) => {
        const td = el("td");
        if (value.numeric) td.className = "num";
        const inner = value.href ? el("a", {href: value.href, title: value.term.value}, value.text) : el("span", {}, value.text);
        if (value.lang) inner.lang = value.lang;
        td.append(inner);
        return td;
      }))));
      const caption = el("caption", {}, T.caption);
      const grid = el("div", {className: "scroll"}, el("table", {className: "results-grid"}, caption, el("thead", {}, head), body));
      const range = el("span", {className: "range"}, fill(T.range, {first: ordered.length ? first + 1 : 0, last: first + shown.length, count: ordered.length}));
      const previous = el("button", {type: "button", disabled: state.page === 0}, T.previous);
      const next = el("button", {type: "button", disabled: state.page >= pages - 1}, T.next);
      previous.addEventListener("click", () => { state.page -= 1; draw(); holder.querySelector(".pager .previous").focus(); });
      next.addEventListener("click", () => { state.page += 1; draw(); holder.querySelector(".pager .next").focus(); });
      previous.classList.add("previous");
      next.classList.add("next");
      const per = el("select", {id: "per-page"}, ...[10, 25, 50, 100].map((n) => el("option", {value: String(n), selected: n === state.perPage}, String(n))));
      per.addEventListener("change", () => { state.perPage = Number(per.value); state.page = 0; draw(); holder.querySelector("#per-page").focus(); });
      const pager = el("div", {className: "pager"}, previous, range, next, el("label", {htmlFor: "per-page"}, T.perPage), per);
      holder.replaceChildren(grid, pager);
    };
    draw();
    return holder;
  }

  function problem(message) {
    errorBox.replaceChildren(el("p", {}, message));
    errorBox.hidden = false;
  }

  /** Run the query `request` (fetch arguments) describes and show its answer. `onSyntaxError(line, column)`
      hears where the server's parser stopped. Resolves to the query form: "select" (SELECT or ASK), "graph" or null. */
  async function run(url, init = {}, onSyntaxError = null) {
    errorBox.hidden = true;
    tableBox.replaceChildren();
    status.textContent = T.running;
    const started = performance.now();
    let response;
    try {
      response = await fetch(url, Object.assign({}, init, {headers: Object.assign({Accept: ACCEPT}, init.headers || {})}));
    } catch (failure) {
      status.textContent = "";
      problem(fill(T.failed, {detail: String(failure)}));
      return null;
    }
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      status.textContent = "";
      const body = type.includes("json") ? await response.json() : {detail: await response.text()};
      if (body.code === "syntax-error" && body.line) {
        problem(fill(T.syntax, {line: body.line, column: body.column}) + " — " + String(body.detail || "").split("\n")[0]);
        if (onSyntaxError) onSyntaxError(body.line, body.column);
      } else problem(fill(T.failed, {detail: body.detail || body.title || response.status}));
      return null;
    }
    const cut = response.headers.get("x-cityref-truncated") === "true";
    let columns, terms, form, cap = null;
    if (type.includes("sparql-results+json")) {
      const data = await response.json();
      cap = data.rowCap || null;
      form = "select";
      if ("boolean" in data) {
        status.textContent = (data.boolean ? T.yes : T.no) + " · " + fill(T.time, {ms: Math.round(performance.now() - started)});
        return form;
      }
      columns = data.head.vars;
      terms = data.results.bindings.map((b) => columns.map((v) => b[v] || null));
    } else {
      form = "graph";
      columns = [T.subject, T.predicate, T.object];
      terms = parseNTriples(await response.text());
    }
    const iris = [...new Set(terms.flat().filter((t) => t && t.type === "uri").map((t) => t.value))];
    const labels = iris.length ? await fetchLabels(iris) : {};
    const elapsed = Math.round(performance.now() - started);
    const count = fill(form === "graph" ? T.triples : T.rows, {count: terms.length});
    status.textContent = count + " · " + fill(T.time, {ms: elapsed});
    if (cut) problem(cap ? fill(T.truncated, {cap}) : T.truncatedPlain);
    if (!terms.length) {
      tableBox.replaceChildren(el("p", {}, T.empty));
      return form;
    }
    tableBox.replaceChildren(table(columns, terms.map((row) => row.map((t) => cell(t, labels)))));
    return form;
  }

  /** Show download links: [[name, href], ...]. */
  function setDownloads(links) {
    const p = el("p", {}, T.download + " ");
    links.forEach(([name, href], i) => {
      if (i) p.append(" · ");
      p.append(el("a", {href, download: ""}, name));
    });
    downloads.replaceChildren(p);
    downloads.hidden = !links.length;
  }

  return {run, setDownloads, setPrefixes: (p) => { prefixes = p; }, parseNTriples};
})();
