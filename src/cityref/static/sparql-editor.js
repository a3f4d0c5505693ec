"use strict";
/* cityref's own SPARQL editor: the <textarea> stays the real input (keyboard, screen readers, forms and the
   browser's undo all work as usual); a highlighted copy of its text is drawn under it, in a <pre> the textarea's
   transparent text sits on, with line numbers beside. The tokens are SPARQL's terminals, read loosely: colouring
   needs no parser, and the server's parser says where a text is wrong (markError). Everything is built with DOM
   nodes and textContent, so no text of a query is ever read as markup. */
window.cityrefEditor = (() => {
  const KEYWORDS = new Set((
    "select construct describe ask where from named prefix base distinct reduced order by asc desc limit offset " +
    "optional union minus graph service silent filter bind values as group having not exists in a undef " +
    "count sum min max avg sample group_concat separator str lang langmatches datatype bound iri uri bnode rand " +
    "abs ceil floor round concat strlen ucase lcase encode_for_uri contains strstarts strends strbefore strafter " +
    "year month day hours minutes seconds timezone tz now uuid struuid md5 sha1 sha256 sha384 sha512 coalesce if " +
    "strlang strdt sameterm isiri isuri isblank isliteral isnumeric regex substr replace insert delete data with " +
    "using default all load clear create drop copy move add to into true false").split(" "));
  const TOKEN = new RegExp([
    String.raw`(#[^\n]*)`,                                                      // 1 comment
    String.raw`("""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)`, // 2 string
    String.raw`(<[^<>"{}|^\x60\\\s]*>)`,                                       // 3 IRI
    String.raw`([?$][\w\u00b7\u00c0-\uffff]+)`,                                 // 4 variable
    String.raw`(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)`,                                 // 5 language tag
    String.raw`((?:[A-Za-z\u00c0-\uffff][\w.\-\u00c0-\uffff]*)?:[\w\-:%\u00c0-\uffff]*(?:\.[\w\-:%\u00c0-\uffff]+)*)`, // 6 prefixed name
    String.raw`(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)`,          // 7 number
    String.raw`([A-Za-z_][\w\-]*)`,                                            // 8 word
  ].join("|"), "g");
  const CLASSES = [null, "tok-comment", "tok-string", "tok-iri", "tok-var", "tok-lang", "tok-pname", "tok-number"];

  /** [text, class] pieces of a SPARQL text; class null for punctuation, spaces and words that are not keywords. */
  function tokens(text) {
    const out = [];
    let at = 0;
    for (const m of text.matchAll(TOKEN)) {
      if (m.index > at) out.push([text.slice(at, m.index), null]);
      let cls = null;
      for (let group = 1; group < CLASSES.length; group++) if (m[group] !== undefined) cls = CLASSES[group];
      if (m[8] !== undefined) cls = KEYWORDS.has(m[8].toLowerCase()) ? "tok-keyword" : null;
      out.push([m[0], cls]);
      at = m.index + m[0].length;
    }
    if (at < text.length) out.push([text.slice(at), null]);
    return out;
  }

  /** Fill `target` with the highlighted text; `errorAt` (an offset) is marked, a space standing in at a line end. */
  function paint(target, text, errorAt, editing = true) {
    const frag = document.createDocumentFragment();
    let offset = 0;
    const emit = (piece, cls) => {
      const node = cls ? Object.assign(document.createElement("span"), {className: cls}) : null;
      const put = (s) => { if (!s) return; (node || frag).append(s); };
      if (errorAt !== null && errorAt >= offset && errorAt < offset + piece.length) {
        const i = errorAt - offset;
        put(piece.slice(0, i));
        const mark = document.createElement("mark");
        mark.className = "tok-error";
        mark.textContent = piece[i] === "\n" ? " \n" : piece[i];
        (node || frag).append(mark);
        put(piece.slice(i + 1));
      } else put(piece);
      if (node) frag.append(node);
      offset += piece.length;
    };
    for (const [piece, cls] of tokens(text)) emit(piece, cls);
    if (errorAt !== null && errorAt >= text.length) {
      const mark = document.createElement("mark");
      mark.className = "tok-error";
      mark.textContent = " ";
      frag.append(mark);
    }
    if (editing) frag.append("\n "); // the last line keeps its height when it is empty
    target.replaceChildren(frag);
  }

  /** The offset of a 1-based line and column (the server counts characters). */
  function offsetOf(text, line, column) {
    let at = 0;
    for (let l = 1; l < line; l++) {
      const next = text.indexOf("\n", at);
      if (next < 0) return text.length;
      at = next + 1;
    }
    return Math.min(at + Math.max(column, 1) - 1, text.length);
  }

  /** Make `textarea` an editor; `onRun` is called on Ctrl+Enter (Cmd+Enter on a Mac). */
  function attach(textarea, onRun) {
    const box = textarea.parentElement;
    const gutter = Object.assign(document.createElement("div"), {className: "gutter"});
    const code = Object.assign(document.createElement("div"), {className: "code"});
    const shown = Object.assign(document.createElement("pre"), {className: "highlight"});
    gutter.setAttribute("aria-hidden", "true");
    shown.setAttribute("aria-hidden", "true");
    box.insertBefore(gutter, textarea);
    box.insertBefore(code, textarea);
    code.append(shown, textarea);
    box.classList.add("enhanced");
    let error = null; // {line, column} until the text changes
    const draw = () => {
      const text = textarea.value;
      paint(shown, text, error ? offsetOf(text, error.line, error.column) : null);
      const count = text.split("\n").length;
      const numbers = document.createDocumentFragment();
      for (let n = 1; n <= count; n++) {
        const line = document.createElement("span");
        line.textContent = String(n);
        if (error && error.line === n) line.className = "error-line";
        numbers.append(line);
      }
      gutter.replaceChildren(numbers);
      sync();
    };
    const sync = () => {
      shown.scrollTop = textarea.scrollTop;
      shown.scrollLeft = textarea.scrollLeft;
      gutter.scrollTop = textarea.scrollTop;
    };
    textarea.addEventListener("input", () => { error = null; draw(); });
    textarea.addEventListener("scroll", sync);
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        onRun();
      }
    });
    draw();
    return {
      /** Mark the error at a 1-based line and column, and put the caret there. */
      markError(line, column) {
        error = {line, column};
        draw();
        const at = offsetOf(textarea.value, line, column);
        textarea.focus();
        textarea.setSelectionRange(at, at);
      },
      clearError() { error = null; draw(); },
    };
  }

  /** Highlight a read-only piece of SPARQL (the text of a canned query). */
  function highlight(element) {
    paint(element, element.textContent, null, false);
  }

  return {attach, highlight, tokens};
})();
