// Optional comforts; every page works without this file.
(function () {
  "use strict";
  var status = document.querySelector(".copy-status");
  // Copy-link buttons appear only where the clipboard can be used.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = button.getAttribute("data-copied") || "Copied to the clipboard.";
      }, function () {
        input.select();
        status.textContent = "Select the text and copy it.";
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
      (target.closest("fieldset") || target).scrollIntoView();
    });
  });
})();
