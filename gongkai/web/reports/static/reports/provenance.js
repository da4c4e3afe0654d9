/* The officer's preview: a clicked cell's source marked on the page image or in the text.
   Cells' sources come from the reader (Report.provenance): a page and a box in PDF points
   (drawn scaled to the picture), a line and a character span of the source text, or a
   picture pasted into a document and a box in its pixels (said in words). */
(function () {
  "use strict";
  var sources = JSON.parse(document.getElementById("cell-sources").textContent || "{}") || {};
  var points = JSON.parse(document.getElementById("page-points").textContent || "null");
  var script = document.currentScript;
  var shownPage = Number(script && script.dataset.page) || 1;
  var image = document.getElementById("source-page");
  var frame = document.getElementById("source-box");

  function unmark() {
    document.querySelectorAll("td.pointed").forEach(function (td) { td.classList.remove("pointed"); });
    document.querySelectorAll("pre.source-text mark").forEach(function (mark) {
      var line = mark.parentNode;
      line.replaceChild(document.createTextNode(mark.textContent), mark);
      line.normalize();
    });
    document.querySelectorAll("pre.source-text .pointed").forEach(function (l) { l.classList.remove("pointed"); });
    if (frame) frame.hidden = true;
    ["source-note", "source-where"].forEach(function (id) {
      var said = document.getElementById(id);
      if (said) said.hidden = true;
    });
  }

  function drawBox(where) {
    if (!image || !frame || !points || !where.box) return;
    var place = function () {
      // the picture's content box (inside its border) is the page
      var scale = image.clientWidth / points[0];
      frame.style.left = (image.offsetLeft + image.clientLeft + where.box[0] * scale) + "px";
      frame.style.top = (image.offsetTop + image.clientTop + where.box[1] * scale) + "px";
      frame.style.width = ((where.box[2] - where.box[0]) * scale) + "px";
      frame.style.height = ((where.box[3] - where.box[1]) * scale) + "px";
      frame.hidden = false;
      frame.scrollIntoView({ block: "nearest" });
    };
    if (image.complete) place(); else image.addEventListener("load", place, { once: true });
  }

  function markText(where) {
    var line = document.getElementById("L" + where.line);
    if (!line) return;
    line.classList.add("pointed");
    var text = line.childNodes[1];
    if (text && where.start !== undefined && where.end !== undefined && text.nodeType === 3) {
      var middle = text.splitText(where.start);
      middle.splitText(where.end - where.start);
      var mark = document.createElement("mark");
      mark.textContent = middle.textContent;
      line.replaceChild(mark, middle);
    }
    line.scrollIntoView({ block: "center" });
  }

  // A cell's place said in words: a table of a Word document or of a web page by its
  // number, and the row and column of its grid as the reader counted them (merged cells
  // and header cells included); a sheet's cell by its sheet and address; a cell read from
  // a picture pasted into a document by the picture's number and where in it (pixels from
  // its top-left corner: the picture cannot be marked as text is).
  function placeInWords(where) {
    if (where.picture) {
      var at = where.box ? "，距图片左边约" + Math.round(where.box[0]) + "像素、上边约" +
        Math.round(where.box[1]) + "像素处" : "";
      return "第" + where.picture + "张图片中（表格以图片插入，经文字识别读取）" + at;
    }
    if (where.table) {
      var within = where.path ? "网页中" : "文档中";
      return within + "第" + where.table + "个表格第" + where.row + "行第" + where.column + "列";
    }
    if (where.address) {
      var cut = where.address.lastIndexOf("!");
      var sheet = where.address.slice(0, cut).replace(/^'|'$/g, "");
      return "工作表“" + sheet + "”的" + where.address.slice(cut + 1) + "单元格";
    }
    return "";
  }

  function point(names) {
    unmark();
    names.forEach(function (name) {
      var td = document.querySelector('td[data-cell="' + name + '"]');
      if (td) td.classList.add("pointed");
    });
    var where = sources[names[0]];
    if (!where) return;
    if (where.page && image && where.page !== shownPage) {
      // another page: offer it rather than leave this one (a correction may be under way)
      var note = document.getElementById("source-note");
      var link = document.createElement("a");
      link.href = "?page=" + where.page + "#cell=" + encodeURIComponent(names.join(" "));
      link.textContent = "翻到该页";
      note.textContent = "该数字印在原文第" + where.page + "页，";
      note.appendChild(link);
      note.hidden = false;
      return;
    }
    if (where.box && !where.picture) drawBox(where);
    else if (where.line) markText(where);
    var said = document.getElementById("source-where");
    var place = placeInWords(where);
    if (said && place) {
      said.textContent = "原文件中的位置：" + place;
      said.hidden = false;
      said.scrollIntoView({ block: "nearest" });
    }
  }

  document.querySelectorAll("td[data-cell]").forEach(function (td) {
    td.addEventListener("click", function () { point([td.dataset.cell]); });
  });
  document.querySelectorAll("li[data-cells] a.point").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      point(link.parentNode.dataset.cells.split(" "));
    });
  });
  if (window.location.hash.indexOf("#cell=") === 0) {
    point(decodeURIComponent(window.location.hash.slice(6)).split(" "));
  }
})();
