/* 绩效目标 editor: add and remove indicator rows in place, filter 二级 by 一级, show the weight total.
 * Progressive enhancement: without this file the form's own 增加一行 / 删除 buttons post to the server. */
(function () {
  "use strict";
  var table = document.getElementById("indicator-editor");
  var template = document.getElementById("indicator-row-template");
  if (!table || !template) { return; }
  var body = table.tBodies[0];
  var total = document.getElementById("weight-total");

  function filterLevel2(row) {
    var level1 = row.querySelector(".ind-level1").value;
    var level2 = row.querySelector(".ind-level2");
    Array.prototype.forEach.call(level2.querySelectorAll("optgroup"), function (group) {
      var shown = !level1 || group.label === level1;
      group.hidden = !shown;
      group.disabled = !shown;
    });
    var chosen = level2.options[level2.selectedIndex];
    if (chosen && chosen.parentNode.tagName === "OPTGROUP" && chosen.parentNode.disabled) { level2.value = ""; }
  }

  function updateTotal() {
    var sum = 0, any = false;
    Array.prototype.forEach.call(body.querySelectorAll(".ind-weight"), function (input) {
      var text = input.value.trim();
      if (text === "") { return; }
      var value = Number(text);
      if (!isNaN(value)) { sum += value; any = any || value !== 0; }
    });
    sum = Math.round(sum * 100) / 100;
    total.textContent = String(sum);
    total.classList.toggle("off", any && sum !== Number(total.getAttribute("data-expected") || 100));
  }

  function enhance(row) {
    var cell = row.querySelector(".row-remove");
    var box = cell.querySelector("input[type=checkbox]");
    if (box) { box.remove(); }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link remove-row";
    button.textContent = "删除";
    button.setAttribute("aria-label", "删除此行");
    cell.appendChild(button);
    filterLevel2(row);
  }

  Array.prototype.forEach.call(body.rows, enhance);
  updateTotal();

  body.addEventListener("change", function (event) {
    if (event.target.classList.contains("ind-level1")) { filterLevel2(event.target.closest("tr")); }
  });
  body.addEventListener("input", function (event) {
    if (event.target.classList.contains("ind-weight")) { updateTotal(); }
  });
  body.addEventListener("click", function (event) {
    if (!event.target.classList.contains("remove-row")) { return; }
    event.target.closest("tr").remove();
    updateTotal();
  });
  var add = document.getElementById("add-indicator-row");
  if (add) {
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var row = template.content.querySelector("tr").cloneNode(true);
      body.appendChild(row);
      enhance(row);
      row.querySelector(".ind-level1").focus();
    });
  }
  // 核心指标 checkboxes carry their row's index; rows added or removed here shift it, so number them on submit.
  var form = table.closest("form");
  if (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(body.rows, function (row, index) {
        var core = row.querySelector(".ind-core");
        if (core) { core.value = String(index); }
      });
    });
  }
  var hint = document.querySelector(".indicator-hint");
  if (hint) { hint.textContent = hint.dataset.withScript; }
}());
