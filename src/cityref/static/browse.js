"use strict";
// The term browser's trees as disclosures: each button shows or hides the narrower terms it controls (Enter and
// Space work as on every button). Without script the trees stay fully open and the buttons hidden.
for (const tree of document.querySelectorAll("[data-tree]")) {
  const open = tree.dataset.tree !== "collapsed";
  for (const button of tree.querySelectorAll("button[aria-controls]")) {
    const list = document.getElementById(button.getAttribute("aria-controls"));
    if (!list) continue;
    const show = yes => { button.setAttribute("aria-expanded", String(yes)); list.hidden = !yes; };
    show(open);
    button.hidden = false;
    button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
  }
}
