// The family preparedness plan: kept in this browser's localStorage only. Nothing is sent anywhere.
(() => {
  const root = document.getElementById("plan");
  if (!root) return;
  const key = root.getAttribute("data-plan-key") || "habeas-plan";
  const fields = Array.from(root.querySelectorAll("[data-keep]"));
  const status = root.querySelector(".plan-status");
  let store;
  try {
    store = window.localStorage;
    store.setItem(`${key}-probe`, "1");
    store.removeItem(`${key}-probe`);
  } catch {
    return; // Storage is off (private mode or a policy): the page still works, nothing is kept.
  }
  const notice = document.getElementById("plan-noscript");
  if (notice) notice.hidden = true;
  const tools = root.querySelector(".plan-tools");
  if (tools) tools.hidden = false;

  let saved = {};
  try {
    saved = JSON.parse(store.getItem(key) || "{}") || {};
  } catch {
    saved = {};
  }
  for (const el of fields) {
    const id = el.getAttribute("data-keep");
    if (!(id in saved)) continue;
    if (el.type === "checkbox") el.checked = saved[id] === true;
    else el.value = String(saved[id]);
  }

  let timer;
  const say = (text) => {
    if (!status) return;
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => {
      status.textContent = "";
    }, 2500);
  };
  const save = () => {
    const data = {};
    for (const el of fields) {
      const id = el.getAttribute("data-keep");
      if (el.type === "checkbox") {
        if (el.checked) data[id] = true;
      } else if (el.value.trim()) data[id] = el.value;
    }
    store.setItem(key, JSON.stringify(data));
    say(status ? status.getAttribute("data-saved") : "");
  };
  root.addEventListener("input", save);
  root.addEventListener("change", save);

  root.addEventListener("click", (e) => {
    const button = e.target.closest("[data-plan]");
    if (!button) return;
    const action = button.getAttribute("data-plan");
    if (action === "print") window.print();
    if (action === "clear") {
      if (!window.confirm(button.getAttribute("data-confirm") || "")) return;
      store.removeItem(key);
      for (const el of fields) {
        if (el.type === "checkbox") el.checked = false;
        else el.value = "";
      }
      say(status ? status.getAttribute("data-cleared") : "");
    }
  });
})();
