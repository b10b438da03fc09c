// Warn a practitioner shortly before the idle timeout signs them out, and let them stay signed in; warn them
// too before the absolute limit, which nothing can put off, so they can save what they are writing.
// Without JavaScript the page works the same; the session simply ends after the idle timeout.
(function () {
  "use strict";
  const warning = document.querySelector(".session-warning");
  if (!warning || !window.fetch) {
    return;
  }
  const idleNotice = warning.querySelector(".session-warning__idle"); // none in child mode: no idle timeout
  const finalNotice = warning.querySelector(".session-warning__final");
  const idle = Number(warning.dataset.idleSeconds) * 1000;
  const ahead = Number(warning.dataset.warningSeconds) * 1000;
  const absoluteLeft = Number(warning.dataset.absoluteSecondsLeft) * 1000;
  const finalAhead = Number(warning.dataset.finalWarningSeconds) * 1000;
  let timers = [];

  function show() {
    warning.hidden = (!idleNotice || idleNotice.hidden) && finalNotice.hidden;
  }

  function restart() {
    timers.forEach(clearTimeout);
    idleNotice.hidden = true;
    show();
    timers = [
      setTimeout(function () { idleNotice.hidden = false; show(); }, Math.max(idle - ahead, 0)),
      // Once the session has ended, show the sign-in page rather than records on an unattended screen.
      setTimeout(function () { window.location.reload(); }, idle + 5000),
    ];
  }

  if (idleNotice) {
    warning.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(warning.action, { method: "POST", body: new FormData(warning), credentials: "same-origin" })
        .then(function (response) { return response.ok ? restart() : window.location.reload(); })
        .catch(function () { window.location.reload(); });
    });
    restart();
  }
  if (absoluteLeft > 0) {
    setTimeout(function () { finalNotice.hidden = false; show(); }, Math.max(absoluteLeft - finalAhead, 0));
    setTimeout(function () { window.location.reload(); }, absoluteLeft + 5000);
  }
})();
