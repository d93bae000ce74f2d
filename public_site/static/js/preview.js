// Progressive enhancement of the redaction preview: selecting text in the original adds it to
// the "redact more" field.  Without JavaScript the reviewer types the text into that field.
(function () {
  var box = document.getElementById("extra");
  if (!box) { return; }
  document.querySelectorAll(".pane.original").forEach(function (pane) {
    pane.addEventListener("mouseup", function () {
      var text = String(window.getSelection() || "").trim();
      if (text && text.length <= 200 && box.value.split("\n").indexOf(text) < 0) {
        box.value = (box.value.trim() ? box.value.trim() + "\n" : "") + text;
      }
    });
  });
})();
