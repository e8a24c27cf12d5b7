// A "Print" button (data-print) for pages meant for paper, such as sign-in cards.
// Without JavaScript the button does nothing and the browser's own Print still works.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
