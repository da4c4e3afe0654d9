// The agency picker by region: a region list before the agency list, built from the agency
// list's groups (which the page works without). A region is never an addressee by itself.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const agencies = document.getElementById("id_agency");
  if (!agencies) return;
  const groups = Array.from(agencies.querySelectorAll("optgroup"));
  if (groups.length < 2) return;
  const regions = document.createElement("select");
  regions.id = "region";
  regions.setAttribute("aria-label", "所在地区");
  regions.add(new Option("全部地区", ""));
  for (const group of groups) regions.add(new Option(group.label, group.label));
  const chosen = agencies.selectedOptions[0];
  if (chosen && chosen.parentElement.tagName === "OPTGROUP") regions.value = chosen.parentElement.label;
  const show = () => {
    for (const group of groups) group.hidden = regions.value !== "" && group.label !== regions.value;
    const current = agencies.selectedOptions[0];
    if (current && current.parentElement.hidden) agencies.value = "";
  };
  regions.addEventListener("change", show);
  agencies.before(regions, " ");
  show();
});
