"use strict";
// The landing page's term finder as an ARIA combobox (the "list autocomplete" pattern): suggestions from
// /autocomplete in a listbox; ArrowDown/ArrowUp move the active option (aria-activedescendant, focus stays in the
// box), Enter opens the active option's term page (or, with none active, submits the search form), Escape closes
// the list and, pressed again, clears the box. Labels are shown with textContent: a label is text, never markup.
(() => {
  const box = document.getElementById("q"), list = document.getElementById("suggestions");
  const status = document.getElementById("q-status");
  if (!box || !list) return;
  const lang = new URLSearchParams(location.search).get("lang");  // kept on the links, as on every other link
  const pageLang = document.documentElement.lang || "en";
  let pending = 0, active = -1, timer = 0;

  const options = () => [...list.querySelectorAll('[role="option"]')];
  const setOpen = open => {
    list.hidden = !open;
    box.setAttribute("aria-expanded", String(open));
    if (!open) setActive(-1);
  };
  const setActive = index => {
    const all = options();
    active = index;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index >= 0 && all[index]) {
      box.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({block: "nearest"});
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  };
  const termHref = item => "/def/" + item.iri.split("/def/").pop() + (lang ? "?" + new URLSearchParams({lang}) : "");
  const go = option => { if (option) location.assign(option.dataset.href); };

  const show = (items, q) => {
    list.dataset.q = q;  // which text the list answers: an earlier answer may be shown while later typing waits
    list.replaceChildren(...items.map((item, i) => {
      const li = document.createElement("li"), name = document.createElement("span"), why = document.createElement("span");
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.href = termHref(item);
      name.className = "name";
      name.textContent = (item.notation ? item.notation + " · " : "") + (item.label || item.curie);
      why.className = "why";
      why.textContent = item.matched ? ` ${item.matched.field} (${item.matched.lang || "-"})` : "";
      li.append(name, why);
      li.addEventListener("mousedown", event => event.preventDefault());  // keep focus in the box
      li.addEventListener("click", () => go(li));
      return li;
    }));
    status.textContent = items.length ? status.dataset.some.replace("{count}", items.length) : status.dataset.none;
    setActive(-1);  // new suggestions: none is chosen until an arrow key says so
    setOpen(items.length > 0);
  };

  const suggest = async () => {
    const q = box.value.trim(), ticket = ++pending;
    if (!q) { list.replaceChildren(); delete list.dataset.q; setOpen(false); status.textContent = ""; return; }
    const response = await fetch("/autocomplete?" + new URLSearchParams({q, lang: pageLang}));
    if (ticket !== pending || !response.ok) return;
    show((await response.json()).items, q);
  };

  box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 80); });
  box.addEventListener("keydown", event => {
    const count = options().length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!count) return;
      if (list.hidden) setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      go(options()[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (!list.hidden) setOpen(false); else { box.value = ""; list.replaceChildren(); delete list.dataset.q; }
    }
  });
  box.addEventListener("blur", () => setOpen(false));
  box.addEventListener("focus", () => { if (options().length && box.value.trim()) setOpen(true); });
})();
