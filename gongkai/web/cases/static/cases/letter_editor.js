// The letter editor in /admin/: grey out the placeholders the chosen kind of letter cannot
// use, and open that kind's default wording.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const kind = document.getElementById("id_kind");
  if (!kind) return;
  const show = () => {
    for (const row of document.querySelectorAll("#placeholders tbody tr")) {
      row.classList.toggle("other-kind", kind.value !== "" && !row.dataset.kinds.split(" ").includes(kind.value));
    }
    for (const d of document.querySelectorAll("details.default")) d.open = d.dataset.kind === kind.value;
  };
  kind.addEventListener("change", show);
  show();
});
