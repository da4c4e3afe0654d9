// Marking what to withhold on pictures of the pages: drag to draw a box, click a box to take
// it back. Boxes are sent as fractions of the page (0–1 from the top left), so the server
// paints them at whatever resolution it rasterises (gongkai/redact.py). Plain JS, no library.
"use strict";
(() => {
  const boxes = [];
  const MIN = 0.003; // a click, not a drag

  const clamp = (v) => Math.min(1, Math.max(0, v));
  const at = (page, event) => {
    const rect = page.querySelector("img").getBoundingClientRect();
    return [clamp((event.clientX - rect.left) / rect.width), clamp((event.clientY - rect.top) / rect.height)];
  };
  const place = (el, b) => {
    el.style.left = `${b.x0 * 100}%`;
    el.style.top = `${b.y0 * 100}%`;
    el.style.width = `${(b.x1 - b.x0) * 100}%`;
    el.style.height = `${(b.y1 - b.y0) * 100}%`;
  };
  const update = () => {
    document.getElementById("id_boxes").value = JSON.stringify(
      boxes.map(({ page, x0, y0, x1, y1 }) => ({ page, x0, y0, x1, y1 })),
    );
    document.getElementById("count").textContent = `已标注 ${boxes.length} 处`;
  };

  const start = (page, event) => {
    if (event.button !== 0 || event.target.classList.contains("redact-box")) return;
    event.preventDefault();
    const [x, y] = at(page, event);
    const box = { page: Number(page.dataset.page), x0: x, y0: y, x1: x, y1: y, el: document.createElement("div") };
    box.el.className = "redact-box drawing";
    page.append(box.el);
    place(box.el, box);
    const move = (e) => {
      const [x2, y2] = at(page, e);
      Object.assign(box, { x0: Math.min(x, x2), x1: Math.max(x, x2), y0: Math.min(y, y2), y1: Math.max(y, y2) });
      place(box.el, box);
    };
    const end = (e) => {
      move(e);
      page.removeEventListener("pointermove", move);
      page.removeEventListener("pointerup", end);
      if (box.x1 - box.x0 < MIN || box.y1 - box.y0 < MIN) { box.el.remove(); return; }
      box.el.classList.remove("drawing");
      box.el.title = "点击取消该遮盖框";
      box.el.addEventListener("click", () => {
        boxes.splice(boxes.indexOf(box), 1);
        box.el.remove();
        update();
      });
      boxes.push(box);
      update();
    };
    page.setPointerCapture(event.pointerId);
    page.addEventListener("pointermove", move);
    page.addEventListener("pointerup", end);
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const page of document.querySelectorAll(".redact-page")) {
      page.addEventListener("pointerdown", (event) => start(page, event));
    }
    update();
  });
})();
