// Progressive enhancement only: every form works without this script.
(function () {
  "use strict";
  // Decision form: the route and the reason matter only when choosing another route.
  var form = document.getElementById("besluit-form");
  if (form) {
    var other = document.getElementById("keuze-anders");
    var route = document.getElementById("route");
    var reason = document.getElementById("reden");
    var sync = function () {
      var choosing = other && other.checked;
      if (route) { route.required = !!choosing; }
      if (reason) { reason.required = !!choosing; }
    };
    form.addEventListener("change", sync);
    sync();
  }
  // Destructive buttons ask once more.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
