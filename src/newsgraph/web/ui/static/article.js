// Article page: a click on a highlight that is not a link shows its fact in the side panel.
"use strict";
document.getElementById("article-text")?.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("span.hl") : null;
  if (!target) return;
  const first = (target.getAttribute("data-facts") || "").split(" ")[0];
  const fact = first ? document.getElementById(first) : null;
  if (!fact) return;
  fact.scrollIntoView({ block: "center", behavior: "smooth" });
  fact.classList.add("flash");
  setTimeout(() => fact.classList.remove("flash"), 1500);
});
