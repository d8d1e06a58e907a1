// Optional comforts; every page works without this file.
(function () {
  "use strict";

  // Copy-link buttons: shown only when the clipboard can be used.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector(".copy-status");
    if (!input || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = "Copied";
        if (status) { status.textContent = "Link copied to the clipboard."; }
        window.setTimeout(function () { button.textContent = "Copy link"; }, 2500);
      }, function () {
        input.select();
        if (status) { status.textContent = "Select the link and copy it."; }
      });
    });
  });

  // Error summary links move focus to the first input of their group.
  document.querySelectorAll("[data-focus]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("data-focus"));
      if (!target) { return; }
      event.preventDefault();
      target.focus();
      var group = target.closest("fieldset");
      (group || target).scrollIntoView({ block: "start" });
    });
  });

  // Focus the error summary when a page loads with one (autofocus does this too).
  var summary = document.querySelector(".error-summary");
  if (summary && document.activeElement !== summary) { summary.focus(); }
})();
