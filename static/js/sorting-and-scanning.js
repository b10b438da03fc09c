// Two ways in for children with disabilities or complex communication needs (issue 18).
//
// A sorting board, in the Talking Mats way: where a question page carries <template id="sorting-board">, every
// picture of the board comes onto one page and the child puts each on "good", "not sure" or "not good" by tapping
// the picture and then the mat, by dragging it there, or by the keyboard (Tab to a picture, Enter or Space, Tab to
// a mat, Enter or Space). Each picture's place goes in its own hidden field; the server stores each as an answer.
// Without JavaScript the page asks about one picture, as an ordinary question.
//
// Switch scanning: where the practitioner set a pace for the session (data-scan-every, in milliseconds), the page
// highlights each choice in turn at that pace, and one switch (sending Space or Enter) chooses the highlighted
// one. After an answer is chosen the highlight goes to Continue. Nothing else moves by itself, and there is no time
// limit: the highlight goes round until the child chooses.
(function () {
  "use strict";
  var script = document.currentScript;
  var pace = Number(script && script.dataset.scanEvery) || 0;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  // The sorting board

  function buildBoard(template) {
    var fieldset = document.getElementById("answer-area");
    all(".sort-item, .cards", fieldset).forEach(function (node) { node.remove(); });
    var heading = document.getElementById("question-text");
    document.title = document.title.replace(heading.textContent.trim(), template.dataset.prompt);
    heading.textContent = template.dataset.prompt;
    fieldset.appendChild(template.content.cloneNode(true));
    fieldset.setAttribute("aria-describedby", "question-hint");
    var said = fieldset.querySelector(".board__said");
    var pile = fieldset.querySelector(".board__pile");
    var picked = null;

    function mat(value) { return fieldset.querySelector('.mat[data-mat="' + value + '"]'); }
    function word(node) { return node.querySelector(".card__word").textContent; }

    function pick(slot) {
      picked = picked === slot ? null : slot;
      all(".board__card", fieldset).forEach(function (card) {
        card.setAttribute("aria-pressed", String(picked !== null && card.parentNode === picked));
      });
      fieldset.classList.toggle("board--picking", picked !== null);
      if (picked) said.textContent = word(picked) + ". " + fieldset.dataset.chooseMat;
    }

    function place(slot, value, quietly) {
      var target = mat(value);
      if (!target) return;
      target.querySelector(".mat__cards").appendChild(slot);
      slot.dataset.place = value;
      slot.querySelector("input").value = value;
      slot.querySelector(".board__where").textContent = ", " + word(target);
      pick(null);
      if (quietly) return;
      said.textContent = word(slot) + ": " + word(target);
      var next = pile.querySelector(".board__card");
      (next || document.querySelector('.actions button[value="continue"]')).focus();
    }

    fieldset.dataset.chooseMat = fieldset.querySelector("#question-hint").textContent;
    all(".board__slot", fieldset).forEach(function (slot) {
      if (slot.dataset.place) place(slot, slot.dataset.place, true);
      slot.querySelector(".board__card").addEventListener("click", function () {
        if (Date.now() - (slot.draggedAt || 0) > 400) pick(slot);  // the click that ends a drag is no tap
      });
      dragging(slot, place);
    });
    all(".mat", fieldset).forEach(function (target) {
      target.querySelector(".mat__button").addEventListener("click", function () {
        if (picked) place(picked, target.dataset.mat);
        else said.textContent = fieldset.dataset.chooseMat;
      });
    });
  }

  // Dragging with a finger or a mouse (pointer events): the picture follows the pointer and lands on the mat
  // under it. A small movement is still a tap.
  function dragging(slot, place) {
    var card = slot.querySelector(".board__card");
    var start = null;
    card.addEventListener("pointerdown", function (event) {
      start = { x: event.clientX, y: event.clientY, moved: false };
      card.setPointerCapture(event.pointerId);
    });
    card.addEventListener("pointermove", function (event) {
      if (!start) return;
      var dx = event.clientX - start.x, dy = event.clientY - start.y;
      if (!start.moved && Math.abs(dx) + Math.abs(dy) < 10) return;
      start.moved = true;
      card.classList.add("board__card--dragged");
      card.style.transform = "translate(" + dx + "px, " + dy + "px)";
    });
    card.addEventListener("pointerup", function (event) {
      if (!start) return;
      var moved = start.moved;
      start = null;
      card.classList.remove("board__card--dragged");
      card.style.transform = "";
      if (!moved) return;
      card.style.visibility = "hidden";
      var under = document.elementFromPoint(event.clientX, event.clientY);
      card.style.visibility = "";
      var target = under && under.closest(".mat");
      slot.draggedAt = Date.now();
      if (target) place(slot, target.dataset.mat);
    });
    card.addEventListener("pointercancel", function () {
      start = null;
      card.classList.remove("board__card--dragged");
      card.style.transform = "";
    });
  }

  // Switch scanning

  function scanning() {
    var timer = null, index = -1, here = null;

    // The page's choices in order; on a page with no answers to choose (the start, "here is your day") its main
    // button comes first, so that a child does not wait through every "Change" link to reach it.
    function choices() {
      var found = all("main a[href], main button, main input:not([type=hidden]), main select").filter(function (node) {
        if (node.closest(".shown-by, [hidden], template")) return false;
        var shown = node.closest("label.card") || node;
        return shown.offsetParent !== null || shown.getClientRects().length > 0;
      });
      if (found.some(function (node) { return node.matches("input"); })) return found;
      var main = found.filter(function (node) { return node.matches(".button--go"); });
      return main.concat(found.filter(function (node) { return main.indexOf(node) < 0; }));
    }

    function show(node) {
      if (here) here.classList.remove("scan-here");
      here = node.closest("label.card") || node;
      here.classList.add("scan-here");
      node.focus({ preventScroll: true });
      here.scrollIntoView({ block: "nearest" });
    }

    function step() {
      var found = choices();
      if (!found.length) return;
      index = (index + 1) % found.length;
      show(found[index]);
    }

    function restart() {
      window.clearInterval(timer);
      timer = window.setInterval(step, pace);
    }

    function choose() {
      var found = choices(), node = found[index];
      if (!node) return;
      if (node.matches("input[type=radio], input[type=checkbox]")) {
        node.click();
        var onward = document.querySelector('.actions button[value="continue"]');
        index = onward ? found.indexOf(onward) : index;
        if (onward) show(onward);
        restart();
        return;
      }
      node.click();
    }

    document.addEventListener("keydown", function (event) {
      if (event.key !== " " && event.key !== "Enter") return;
      event.preventDefault();
      if (!event.repeat) choose();
    });
    document.addEventListener("keyup", function (event) {
      if (event.key === " " || event.key === "Enter") event.preventDefault();
    });
    document.body.classList.add("scanning");
    restart();
  }

  var board = document.getElementById("sorting-board");
  if (board && !pace) buildBoard(board);
  if (pace) scanning();
})();
