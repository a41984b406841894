// Progressive type-ahead for the facility picker: suggestions from /api/facility-search under the text
// box, chosen with the mouse or the arrow keys and Enter. Without it the server resolves the typed text.
(() => {
  for (const box of document.querySelectorAll("[data-facility-picker]")) {
    if (box.dataset.ready) continue;
    box.dataset.ready = "1";
    const input = box.querySelector("input[type=text]");
    const hidden = box.querySelector("input[type=hidden]");
    const list = box.querySelector("[role=listbox]");
    let items = [];
    let active = -1;
    let timer;
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const choose = (f) => {
      input.value = f.name;
      hidden.value = f.id;
      close();
    };
    const show = () => {
      list.textContent = "";
      items.forEach((f, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.textContent = [f.name, [f.city, f.state].filter(Boolean).join(", ")].filter(Boolean).join(" — ");
        if (f.matched && f.matched !== f.name) li.title = f.matched;
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          choose(f);
        });
        list.append(li);
      });
      if (!items.length) {
        const li = document.createElement("li");
        li.textContent = box.dataset.empty || "";
        list.append(li);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    const mark = () => {
      list.querySelectorAll("[role=option]").forEach((li, i) => {
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      if (active >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
    };
    input.addEventListener("input", () => {
      hidden.value = "";
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return close();
      timer = setTimeout(async () => {
        try {
          const res = await fetch(`${box.dataset.endpoint}?q=${encodeURIComponent(q)}&limit=8`, {
            headers: { Accept: "application/json" },
          });
          if (!res.ok) return close();
          items = (await res.json()).facilities || [];
          active = -1;
          show();
        } catch {
          close();
        }
      }, 150);
    });
    input.addEventListener("keydown", (e) => {
      if (list.hidden || !items.length) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        mark();
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        choose(items[active]);
      } else if (e.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }
})();
