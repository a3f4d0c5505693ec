"use strict";
// The documentation's filter box: hides the terms whose text does not hold every word typed (case and accents
// ignored). Without script the box stays hidden and the page shows every term.
(() => {
  const box = document.getElementById("doc-filter");
  if (!box) return;
  const area = box.closest(".doc-filter"), count = document.getElementById("doc-filter-count");
  const fold = text => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const terms = [...document.querySelectorAll("article.term")].map(el => [el, fold(el.textContent)]);
  area.hidden = false;
  let timer = 0;
  const apply = () => {
    const words = fold(box.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const [el, text] of terms) {
      const keep = words.every(w => text.includes(w));
      el.hidden = !keep;
      if (keep) shown++;
    }
    for (const section of document.querySelectorAll("main section")) {
      section.hidden = words.length > 0 && !section.querySelector("article.term:not([hidden])");
    }
    count.textContent = words.length ? count.dataset.template.replace("{shown}", shown).replace("{total}", terms.length) : "";
  };
  box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(apply, 120); });
})();
