// The receipt's print button (no inline handlers: the CSP allows the site's own scripts only).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("print")?.addEventListener("click", () => window.print());
});
