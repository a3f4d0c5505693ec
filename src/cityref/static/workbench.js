"use strict";
/* The query workbench (/sparql): the editor, Ctrl+Enter and the Run button run the query in the page; the page's
   address then holds the query, so it can be bookmarked and shared. Choosing a download format instead of the
   table sends the form as it is, and the browser saves the answer. */
(() => {
  const form = document.getElementById("workbench");
  const textarea = document.getElementById("query");
  const format = document.getElementById("format");
  const timeout = document.getElementById("timeout");
  const errorLine = document.getElementById("query-error");
  const root = document.getElementById("results").dataset.root || "";
  const keep = document.getElementById("results").dataset.keepLang;
  const prefixes = JSON.parse(textarea.dataset.prefixes || "{}");
  cityrefResults.setPrefixes(prefixes);
  const RESULTS = [["JSON", "json"], ["XML", "xml"], ["CSV", "csv"], ["TSV", "tsv"]];
  const GRAPHS = [["Turtle", "turtle"], ["N-Triples", "ntriples"], ["JSON-LD", "jsonld"], ["RDF/XML", "rdfxml"]];

  const editor = cityrefEditor.attach(textarea, () => run());
  textarea.addEventListener("input", () => { errorLine.hidden = true; });

  async function run() {
    const query = textarea.value;
    const params = {query};
    if (timeout.value.trim()) params.timeout = timeout.value.trim();
    editor.clearError();
    errorLine.hidden = true;
    const here = new URLSearchParams(keep ? {lang: keep, query} : {query});
    history.replaceState(null, "", location.pathname + "?" + here);
    const form_ = await cityrefResults.run(root + "/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded"},
      body: new URLSearchParams(params),
    }, (line, column) => {
      const said = document.getElementById("results-error");
      errorLine.textContent = said.textContent; // said once, beside the editor, where the mark is
      said.hidden = true;
      errorLine.hidden = false;
      editor.markError(line, column);
    });
    const kinds = form_ === "graph" ? GRAPHS : form_ === "select" ? RESULTS : [];
    cityrefResults.setDownloads(kinds.map(([name, value]) =>
      [name, root + "/sparql?" + new URLSearchParams(Object.assign({}, params, {format: value}))]));
  }

  form.addEventListener("submit", (event) => {
    if (format.value) return; // a download: the browser sends the form and saves the answer
    event.preventDefault();
    run();
  });
  if (form.dataset.autorun === "true") run();
})();
