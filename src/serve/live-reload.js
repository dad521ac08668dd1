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
})();
