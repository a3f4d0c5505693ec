/* The validation page: files dropped on the drop zone join the file input (several at once, over several drops),
   a syntax error puts the caret where it is, and the report's filters work without a reload. Our own small code;
   the page works without it (no drop zone, every result listed). */
(function () {
  "use strict";

  function showChosen(input, list) {
    list.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)";
      list.appendChild(item);
    });
  }

  function dropZone() {
    var input = document.getElementById("file");
    var zone = document.getElementById("dropzone");
    var list = document.getElementById("chosen");
    if (!input || !zone || !list || typeof DataTransfer === "undefined") return;
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      var all = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { all.items.add(file); });
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) { all.items.add(file); });
      input.files = all.files;
      showChosen(input, list);
    });
    input.addEventListener("change", function () { showChosen(input, list); });
  }

  function caretAtError() {
    var text = document.getElementById("text");
    if (!text || !text.dataset.line) return;
    var line = parseInt(text.dataset.line, 10), column = parseInt(text.dataset.column || "1", 10);
    var lines = text.value.split("\n"), offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset = Math.min(offset + Math.max(column - 1, 0), text.value.length);
    text.focus();
    text.setSelectionRange(offset, Math.min(offset + 1, text.value.length));
  }

  var RANK = { Info: 0, Warning: 1, Violation: 2 };
  function rank(severity) { return severity in RANK ? RANK[severity] : 2; }
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function filters() {
    var box = document.getElementById("filters");
    if (!box) return;
    var severity = document.getElementById("f-severity");
    var shape = document.getElementById("f-shape");
    var search = document.getElementById("f-text");
    var status = document.getElementById("shown");
    var nodes = document.querySelectorAll("section.node");
    var links = document.querySelectorAll(".downloads a[data-format]");
    var total = document.querySelectorAll("li.result").length;
    function apply() {
      var least = rank(severity.value), only = shape.value, wanted = fold(search.value.trim()), shown = 0;
      Array.prototype.forEach.call(nodes, function (node) {
        var any = false, name = node.dataset.name || "";
        Array.prototype.forEach.call(node.querySelectorAll("li.result"), function (row) {
          var ok = rank(row.dataset.severity) >= least &&
            (!only || only === "profile:" + row.dataset.profile || only === "shape:" + row.dataset.shape) &&
            (!wanted || fold(name + " " + row.textContent).indexOf(wanted) !== -1);
          row.hidden = !ok;
          if (ok) { any = true; shown++; }
        });
        node.hidden = !any;
      });
      status.textContent = status.dataset.template.replace("{shown}", shown).replace("{total}", total);
      Array.prototype.forEach.call(links, function (link) {
        var url = new URL(link.href, document.baseURI);
        url.searchParams.set("severity", severity.value);
        link.href = url.pathname + url.search;
      });
    }
    [severity, shape].forEach(function (el) { el.addEventListener("change", apply); });
    search.addEventListener("input", apply);
    box.hidden = false;
    apply();
  }

  /* A delivery over the server's limit would only earn a 413 page, and the form would be gone: say so here,
     before sending, with everything the reader chose still in place. The server's own check still decides. */
  function sizeCheck() {
    var form = document.getElementById("workbench");
    var problem = document.getElementById("size-problem");
    if (!form || !problem || !form.dataset.maxBytes) return;
    var most = parseInt(form.dataset.maxBytes, 10);
    form.addEventListener("submit", function (event) {
      var input = document.getElementById("file"), text = document.getElementById("text");
      var total = text ? new Blob([text.value]).size : 0;
      if (input) Array.prototype.forEach.call(input.files, function (file) { total += file.size; });
      problem.hidden = total <= most;
      if (total > most) event.preventDefault();
    });
  }

  dropZone();
  sizeCheck();
  caretAtError();
  filters();
})();
