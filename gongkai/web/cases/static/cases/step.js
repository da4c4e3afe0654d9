// The step form shows what the chosen step's letter needs and hides the rest (every field
// stays in the page without JS).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const action = document.getElementById("id_action");
  if (!action) return;
  const show = () => {
    for (const set of document.querySelectorAll("fieldset.step-facts")) {
      set.hidden = !set.dataset.steps.split(" ").includes(action.value);
    }
  };
  action.addEventListener("change", show);
  show();
});
