// "Read it to me": reads the question and its answers aloud with the browser's speech, in the page's
// language. Shown only where speech is available; says so plainly when there is no voice for the language.
(function () {
  "use strict";
  if (!("speechSynthesis" in window)) return;
  var language = (document.documentElement.lang || "en").toLowerCase();

  function voiceFor(lang) {
    var voices = window.speechSynthesis.getVoices();
    return voices.find(function (v) { return v.lang.toLowerCase().replace("_", "-").split("-")[0] === lang.split("-")[0]; });
  }

  function textOf(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector), function (el) {
      return el.textContent.trim();
    }).filter(Boolean).join(". ");
  }

  document.querySelectorAll("button.read-aloud").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      var voice = voiceFor(language);
      if (!voice && synth.getVoices().length > 0) {
        button.querySelector("span").textContent = button.dataset.noVoice || "This device has no voice for this language";
        return;
      }
      synth.cancel();
      var utterance = new SpeechSynthesisUtterance(textOf(button.dataset.read));
      utterance.lang = language;
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      synth.speak(utterance);
    });
  });
})();
