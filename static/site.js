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
        status.textContent = button.getAttribute("data-copied");
      }, function () {
        input.select();
        status.textContent = button.getAttribute("data-copy-failed");
      });
    });
  });
  // On the English landing page, a visitor whose browser prefers Dutch or French before
  // English is offered that version (a link, never a redirect: every URL stays one page).
  var preferred = (navigator.languages || [navigator.language || ""]).map(function (tag) {
    return tag.slice(0, 2).toLowerCase();
  });
  for (var i = 0; i < preferred.length && preferred[i] !== "en"; i += 1) {
    var suggestion = document.querySelector('[data-suggest="' + preferred[i] + '"]');
    if (suggestion) { suggestion.hidden = false; break; }
  }
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
