/* Explorers without a kernel: each .lecture-frames box (written by helpers/widgets/_frames.py) holds the frames
   of its figure, swept at export, and one <input type="range"> per swept control. Moving a slider shows the
   frame of the sliders' positions: its image, its alt text and its readout. Plain JavaScript, nothing loaded.

   In a reveal.js deck the arrow keys move the slider that has the focus, and the deck otherwise: the keys a
   range input uses do not travel on to the deck's keyboard handler, and Esc gives the focus back to the deck. */
(function () {
  "use strict";
  var SLIDER_KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"];

  function setUp(box) {
    var data = JSON.parse(box.querySelector("script.lecture-frames-data").textContent);
    var image = box.querySelector("img.lecture-frames-image");
    var readout = box.querySelector("output.lecture-frames-readout");
    var inputs = Array.prototype.slice.call(box.querySelectorAll("input[type=range]"));
    var shown = box.querySelectorAll(".lecture-frames-value");

    function show() {
      var index = 0;
      inputs.forEach(function (input, n) {
        var axis = data.axes[n];
        var position = Number(input.value);
        index = index * axis.values.length + position;
        input.setAttribute("aria-valuetext", axis.values[position]);
        shown[n].textContent = axis.values[position];
      });
      var frame = data.frames[index];
      image.src = frame.src;
      image.alt = frame.alt;
      readout.textContent = frame.readout;
      box.setAttribute("data-frame", String(index));
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", show);
      input.addEventListener("keydown", function (event) {
        if (SLIDER_KEYS.indexOf(event.key) >= 0) event.stopPropagation();
        if (event.key === "Escape") {  // hand the keys back to the deck (without opening its overview)
          input.blur();
          event.stopPropagation();
        }
      });
    });
    box.setAttribute("data-frame", box.getAttribute("data-default"));
    box.classList.add("lecture-frames-ready");
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".lecture-frames"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
