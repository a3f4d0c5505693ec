"use strict";
const box = document.getElementById("q"), list = document.getElementById("suggestions");
// The language the reader chose with ?lang is kept on the links the finder makes, as on every other link.
const lang = new URLSearchParams(location.search).get("lang");
let pending = 0;
box.addEventListener("input", async () => {
  const q = box.value.trim(), ticket = ++pending;
  if (!q) { list.replaceChildren(); return; }
  const response = await fetch("/autocomplete?" + new URLSearchParams({q}));
  if (ticket !== pending || !response.ok) return;
  const items = (await response.json()).items;
  list.replaceChildren(...items.map(item => {
    const li = document.createElement("li"), a = document.createElement("a"), why = document.createElement("span");
    a.href = "/def/" + item.iri.split("/def/").pop() + (lang ? "?" + new URLSearchParams({lang}) : "");
    a.textContent = (item.notation ? item.notation + " · " : "") + item.label;
    why.className = "why";
    why.textContent = item.matched ? `${item.matched.field} (${item.matched.lang || "-"})` : "";
    li.append(a, why);
    return li;
  }));
});
