"use strict";
/* A canned query's page: its address holds the parameters (the form sends them with GET), so the page runs the
   query with them as soon as it opens; a bookmark reproduces the result. */
(() => {
  const form = document.getElementById("query-form");
  const code = document.querySelector(".sparql-view code");
  if (code) cityrefEditor.highlight(code);
  cityrefResults.run(form.dataset.results);
})();
