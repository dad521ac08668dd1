// lede serve: reload the page when the site is rebuilt. Added only to pages
// served by `lede serve`, never to a build's output.
(() => {
  let seen = null;
  const events = new EventSource("/__lede/events");
  events.addEventListener("hello", (e) => {
    // After a reconnection, a different version means a rebuild was missed.
    if (seen !== null && seen !== e.data) location.reload();
    seen = e.data;
  });
  events.addEventListener("reload", () => location.reload());
  // Flags for the editor, on the page: what `lede check` warns about and
  // readers would not notice.
  const style = document.createElement("style");
  style.textContent = `.quote-no-attribution { outline: 2px dashed #b45309; outline-offset: 6px; }
.quote-no-attribution::after { content: "lede serve: this quote has no attribution; end it with a line such as \\201C\\2014  Jane Ruiz, at the hearing\\201D"; display: block; margin-top: .5rem; font: 600 .8rem/1.4 system-ui, sans-serif; color: #b45309; }`;
  document.head.appendChild(style);
})();
