// Warn a practitioner shortly before the idle timeout signs them out, and let them stay signed in.
// Without JavaScript the page works the same; the session simply ends after the idle timeout.
(function () {
  "use strict";
  const warning = document.querySelector(".session-warning");
  if (!warning || !window.fetch) {
    return;
  }
  const idle = Number(warning.dataset.idleSeconds) * 1000;
  const ahead = Number(warning.dataset.warningSeconds) * 1000;
  let timers = [];

  function restart() {
    timers.forEach(clearTimeout);
    warning.hidden = true;
    timers = [
      setTimeout(function () { warning.hidden = false; }, Math.max(idle - ahead, 0)),
      // Once the session has ended, show the sign-in page rather than records on an unattended screen.
      setTimeout(function () { window.location.reload(); }, idle + 5000),
    ];
  }

  warning.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(warning.action, { method: "POST", body: new FormData(warning), credentials: "same-origin" })
      .then(function (response) { return response.ok ? restart() : window.location.reload(); })
      .catch(function () { window.location.reload(); });
  });
  restart();
})();
