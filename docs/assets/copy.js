/* Copy buttons: a button with data-copy="SELECTOR" copies that element's text
   (the BibTeX entry on paper pages). Shown only where the clipboard can be used. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.querySelector(button.dataset.copy);
    if (!source) continue;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(source.textContent).then(
        () => { button.textContent = "Copied"; },
        () => { button.textContent = "Select the text to copy it"; },
      ).finally(() => setTimeout(() => { button.textContent = label; }, 2000));
    });
  }
})();
