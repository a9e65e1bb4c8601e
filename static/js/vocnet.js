// vocnet page behaviour. No inline scripts: pages declare what they need with data attributes.
(function () {
  "use strict";
  // Keep the address bar in step with htmx-driven filters so a URL always reproduces the view.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "results") {
      var heading = target.querySelector("[data-results-heading]");
      if (heading) heading.focus();
    }
  });

  // The main menu is a <details> open in the HTML (it works without JavaScript); on a narrow
  // screen it starts folded behind its "메뉴" button, on a wide one it is always open.
  var menu = document.querySelector("[data-collapsible-menu]");
  if (menu && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 767px)");
    var sync = function () { menu.open = !narrow.matches; };
    sync();
    narrow.addEventListener("change", sync);
  }
})();
