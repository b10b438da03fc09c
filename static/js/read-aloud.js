// "Read it to me": reads the question and its answers aloud with the browser's speech, in the page's
// language. Shown only where speech is available; says once, plainly, when there is no voice for the
// language, then stays out of the way on the pages after.
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

  // Say so on the button when the device has no voice for the page's language, rather than reading its
  // words with another language's voice. Voices often arrive late (voiceschanged), so look again then.
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.read-aloud"));
  var saidKey = "dayinmylife.no-voice-said." + language;

  function noVoiceSaid() {
    try { return window.sessionStorage.getItem(saidKey) === "yes"; } catch (e) { return false; }
  }

  function rememberNoVoiceSaid() {
    try { window.sessionStorage.setItem(saidKey, "yes"); } catch (e) { /* private mode: say it again */ }
  }

  function showVoice(hasVoice) {
    var hide = !hasVoice && noVoiceSaid() && !buttons.some(function (b) { return b.dataset.saidHere; });
    buttons.forEach(function (button) {
      button.hidden = hide;
      if (hide) return;
      if (!hasVoice) button.dataset.saidHere = "yes";
      var label = button.querySelector("span");
      if (!button.dataset.readLabel) button.dataset.readLabel = label.textContent;
      label.textContent = hasVoice ? button.dataset.readLabel : (button.dataset.noVoice || button.dataset.readLabel);
      button.classList.toggle("read-aloud--no-voice", !hasVoice);
      if (hasVoice) button.removeAttribute("aria-disabled"); else button.setAttribute("aria-disabled", "true");
    });
    if (!hasVoice && !hide) rememberNoVoiceSaid();
  }

  function read(button) {
    var synth = window.speechSynthesis;
    var voice = voiceFor(language);
    if (!voice) {
      showVoice(false);
      return;
    }
    synth.cancel();
    var utterance = new SpeechSynthesisUtterance(textOf(button.dataset.read));
    utterance.lang = language;
    utterance.voice = voice;
    utterance.rate = 0.9;
    synth.speak(utterance);
  }

  buttons.forEach(function (button) {
    button.hidden = noVoiceSaid();  // shown again only if a voice for the language turns up
    button.addEventListener("click", function () { read(button); });
  });
  if (window.speechSynthesis.getVoices().length > 0) showVoice(Boolean(voiceFor(language)));
  if (window.speechSynthesis.addEventListener) {
    window.speechSynthesis.addEventListener("voiceschanged", function () {
      showVoice(Boolean(voiceFor(language)));
    });
  }
})();
