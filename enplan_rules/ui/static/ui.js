// Progressive enhancement only: the page works without this file.
// 1. The language link keeps the case on screen by re-submitting the form in the other language.
// 2. A print button for the case note.
(function () {
  "use strict";
  var form = document.getElementById("case-form");
  var results = document.getElementById("results");
  var link = document.querySelector("a.lang-switch");
  if (form && results && link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      form.querySelector("input[name=lang]").value = link.getAttribute("data-lang");
      form.submit();
    });
  }
  var print = document.querySelector("[data-action=print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
