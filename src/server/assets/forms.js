// Staff forms, enhanced: the event form shows the detail fields of the chosen kind of event as soon as it
// is chosen (without the script, a button reloads the form with them). Nothing else changes.
(() => {
  for (const el of document.querySelectorAll(".js-hide")) el.hidden = true;
  const type = document.querySelector("select[data-event-type]");
  if (!type) return;
  const sets = Array.from(document.querySelectorAll("fieldset[data-for-type]"));
  const show = () => {
    for (const set of sets) set.hidden = set.getAttribute("data-for-type") !== type.value;
  };
  type.addEventListener("change", show);
  show();
})();
