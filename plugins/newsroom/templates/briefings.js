/* MkDocs Briefings: on touch, the first tap on a linked name shows its one line and a link
   to its page (hover shows Material's tooltip; a tap would only follow the link). The text
   is set with textContent, never as HTML. Listeners sit on the document, so they survive
   Material's instant navigation. */
(function () {
  "use strict";
  var touched = false;
  var open = null;

  function close() {
    if (open) {
      open.link.removeAttribute("aria-expanded");
      open.box.remove();
      open = null;
    }
  }

  function description(link) {
    var title = link.getAttribute("title");
    if (title) return title;
    var tip = document.getElementById(link.getAttribute("aria-describedby") || "");
    return tip ? tip.textContent : link.textContent;
  }

  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch" || event.pointerType === "pen";
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.briefing-actor") : null;
    if (open && (!link || link !== open.link) && !open.box.contains(event.target)) close();
    if (!link || !touched) return;
    if (open && open.link === link) return; // the second tap follows the link
    event.preventDefault();
    var box = document.createElement("span");
    box.className = "briefing-popover";
    box.setAttribute("role", "note");
    box.id = "briefing-popover";
    var text = document.createElement("span");
    text.textContent = description(link).replace(/\u2060/g, "");
    var more = document.createElement("a");
    more.href = link.href;
    more.className = "briefing-popover__link";
    more.textContent = "Actor page →";
    box.append(text, " ", more);
    link.insertAdjacentElement("afterend", box);
    link.setAttribute("aria-expanded", "true");
    open = { link: link, box: box };
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
})();
