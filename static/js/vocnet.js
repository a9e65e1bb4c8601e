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
})();
