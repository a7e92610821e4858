// ForwardPassStepper, the browser side: it draws the step Python sends and asks Python for the next one.
//
// Python works out every number; `_view` holds the current step's numbers
// (64-bit floats as bytes, NaN where a neuron is not worked out yet) and
// `_scene` the network's shape. A button, a key or the play timer only sets
// `step`; the drawing changes when Python's answer arrives. So what you see
// is always what Python computed, and a saved notebook shows its last step.

const PICTURE = 120; // CSS pixels for a 28×28 picture
const CELL = 34; // CSS pixels for one cell of a row of numbers
const ROW_WIDTH = 560; // a longer row of cells wraps
const STATIC_AFTER_MS = 2000; // no kernel answered by then: a saved notebook, say so

function element(tag, className, parent, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

// Bytes from the widget manager arrive as a DataView, an ArrayBuffer or a typed array, at any offset.
function bytesOf(value) {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(0);
}

function floats(value) {
  const bytes = bytesOf(value);
  return new Float64Array(bytes.slice().buffer); // a copy: a Float64Array needs an offset that is a multiple of 8
}

// Two decimals, as Python's captions show them, and never "-0.00"; "·" for a number not worked out yet.
function fmt(x) {
  if (Number.isNaN(x)) return "·";
  const text = x.toFixed(2);
  return text === "-0.00" ? "0.00" : text;
}

// A colour map from Python: 256 RGB colours, matplotlib's own.
function colourMap(table) {
  const rgb = bytesOf(table);
  return (t) => {
    const i = Math.min(255, Math.max(0, Math.floor(t * 256)));
    return [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
  };
}

// A text from Python (`_texts`, in the notebook's language) with its {name} slots filled in.
const say = (template, values) => template.replace(/\{(\w+)\}/g, (slot, name) => (name in values ? String(values[name]) : slot));

const css = ([r, g, b]) => `rgb(${r}, ${g}, ${b})`;
const darkText = ([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b > 140;
const largest = (values) => values.reduce((top, v) => (Number.isNaN(v) ? top : Math.max(top, Math.abs(v))), 0) || 1;

// The smallest of 1, 2, 5, 10, 20, 50, ... at or above x: a round end for an axis.
function niceAbove(x) {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 2, 5, 10]) if (step * power >= x) return step * power;
  return 10 * power;
}

function render({ model, el }) {
  el.classList.add("nnbook-forward-pass-stepper");
  const T = model.get("_texts") || {}; // every word shown, in the notebook's language (from Python)
  el.tabIndex = 0;
  el.setAttribute("role", "group");
  el.setAttribute("aria-label", T.group);
  // JupyterLab's own shortcuts (arrows move between cells) must not take the keys meant for the stepper.
  el.dataset.lmSuppressShortcuts = "true";
  el.dataset.pSuppressShortcuts = "true";

  const caption = element("div", "nnbook-fps-caption", el);
  caption.setAttribute("aria-live", "polite");
  const body = element("div", "nnbook-fps-body", el);
  const stage = element("div", "nnbook-fps-stage", body);
  const side = element("div", "nnbook-fps-side", body);
  const tableBox = element("div", "nnbook-fps-table-box", side);
  const overview = element("canvas", "nnbook-fps-overview", side);
  overview.setAttribute("role", "img");

  const controls = element("div", "nnbook-fps-controls", el);
  const back = element("button", "nnbook-fps-back", controls, T.back);
  const play = element("button", "nnbook-fps-play", controls, T.play);
  const forward = element("button", "nnbook-fps-forward", controls, T.forward);
  const slider = element("input", "nnbook-fps-slider", controls);
  slider.type = "range";
  slider.min = "0";
  slider.setAttribute("aria-label", T.step);
  const counter = element("span", "nnbook-fps-counter", controls);
  const speedBox = element("label", "nnbook-fps-speed", controls, `${T.speed} `);
  const speed = element("input", "", speedBox);
  speed.type = "range";
  speed.min = "0.5";
  speed.max = "10";
  speed.step = "0.5";
  const speedText = element("span", "", speedBox);
  const jumps = element("div", "nnbook-fps-jumps", el);
  element("span", "nnbook-fps-jumps-label", jumps, T.jump_to);
  const hint = element("div", "nnbook-fps-hint", el,
    T.keys);
  const note = element("div", "nnbook-fps-static", el,
    T.saved);
  note.hidden = true;
  for (const button of [back, play, forward]) button.type = "button";

  let jumpButtons = [];
  let shownScene = null;
  let colours = null;

  function scene() {
    return model.get("_scene") || {};
  }

  function view() {
    return model.get("_view") || {};
  }

  // ---- asking Python for a step ----------------------------------------------------------------

  function go(step) {
    const n = scene().n_steps || 0;
    model.set("step", Math.min(n, Math.max(0, Math.round(step))));
    model.save_changes();
  }

  function togglePlay() {
    const playing = !model.get("playing");
    if (playing && view().step >= scene().n_steps) go(0);
    model.set("playing", playing);
    model.save_changes();
  }

  back.addEventListener("click", () => go(model.get("step") - 1));
  forward.addEventListener("click", () => go(model.get("step") + 1));
  play.addEventListener("click", togglePlay);
  slider.addEventListener("input", () => go(Number(slider.value)));
  speed.addEventListener("input", () => {
    model.set("speed", Number(speed.value));
    model.save_changes();
  });

  const keys = {
    ArrowRight: () => go(model.get("step") + 1),
    ArrowLeft: () => go(model.get("step") - 1),
    " ": togglePlay,
    Home: () => go(0),
    End: () => go(scene().n_steps),
  };
  el.addEventListener("keydown", (event) => {
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault(); // no scrolling, no slider move, no button click: the key is the stepper's
    event.stopPropagation();
    if (!event.repeat || event.key !== " ") action();
  });
  el.addEventListener("keyup", (event) => {
    if (event.key === " ") event.preventDefault(); // a focused button would click on space's keyup
  });

  // Playing: the browser keeps time; each tick asks for the next step once the last one has arrived.
  let timer = null;
  function tick() {
    timer = null;
    if (!model.get("playing")) return;
    const step = model.get("step");
    if (view().step !== step) {
      timer = setTimeout(tick, 20); // still waiting for Python's numbers
      return;
    }
    if (step < scene().n_steps) go(step + 1);
    timer = setTimeout(tick, 1000 / (model.get("speed") || 2));
  }
  function restartTimer() {
    clearTimeout(timer);
    timer = model.get("playing") ? setTimeout(tick, 1000 / (model.get("speed") || 2)) : null;
    drawControls();
  }

  // ---- drawing -----------------------------------------------------------------------------------

  function picture(values, colourOf, label) {
    const canvas = document.createElement("canvas");
    canvas.className = "nnbook-fps-picture";
    canvas.width = 28;
    canvas.height = 28;
    canvas.style.width = canvas.style.height = `${PICTURE}px`;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    const context = canvas.getContext("2d");
    const image = context.createImageData(28, 28);
    for (let i = 0; i < 784; i++) image.data.set([...colourOf(values[i]), 255], 4 * i);
    context.putImageData(image, 0, 0);
    return canvas;
  }

  // A row of cells, one per number, coloured and labelled with the number; long rows wrap.
  function cells(values, colourOf, label, { highlight = -1, names = null } = {}) {
    const n = values.length;
    const perRow = Math.max(1, Math.min(n, Math.floor(ROW_WIDTH / CELL)));
    const size = n > perRow ? Math.max(8, Math.floor(ROW_WIDTH / Math.min(n, 64))) : CELL;
    const columns = Math.min(n, Math.floor(ROW_WIDTH / size));
    const rows = Math.ceil(n / columns);
    const nameHeight = names ? 13 : 0;
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement("canvas");
    canvas.className = "nnbook-fps-cells";
    const width = columns * size + 2;
    const height = rows * (size + nameHeight) + 2;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `${label}: ${Array.from(values, fmt).join(", ")}`);
    const context = canvas.getContext("2d");
    context.scale(ratio, ratio);
    context.textAlign = "center";
    context.textBaseline = "middle";
    for (let i = 0; i < n; i++) {
      const x = 1 + (i % columns) * size;
      const y = 1 + Math.floor(i / columns) * (size + nameHeight);
      const value = values[i];
      if (Number.isNaN(value)) {
        context.strokeStyle = "#bbb";
        context.setLineDash([2, 2]);
        context.strokeRect(x + 1.5, y + 1.5, size - 3, size - 3);
        context.setLineDash([]);
      } else {
        const colour = colourOf(value);
        context.fillStyle = css(colour);
        context.fillRect(x, y, size - 1, size - 1);
        context.strokeStyle = "#ccc"; // white cells (activation 1, weight 0) need an edge on a white page
        context.strokeRect(x + 0.5, y + 0.5, size - 2, size - 2);
        if (size >= 30) {
          const text = fmt(value);
          context.fillStyle = darkText(colour) ? "#000" : "#fff";
          context.font = "10px sans-serif";
          const fit = Math.min(10, (10 * (size - 4)) / context.measureText(text).width);
          context.font = `${fit.toFixed(1)}px sans-serif`;
          context.fillText(text, x + size / 2, y + size / 2);
        }
      }
      if (i === highlight) {
        context.strokeStyle = colours.highlight;
        context.lineWidth = 3;
        context.strokeRect(x + 0.5, y + 0.5, size - 2, size - 2);
        context.lineWidth = 1;
      }
      if (names) {
        context.fillStyle = ink();
        context.font = "10px sans-serif";
        context.fillText(names[i], x + size / 2, y + size + nameHeight / 2);
      }
    }
    return canvas;
  }

  // W(layer) as a picture, one row per neuron, with this neuron's row framed: the video's sweep down the matrix.
  function matrix(layer, neuron) {
    const { rows, columns, limit, colours: indices } = model.get("_matrices")[layer - 1];
    const index = bytesOf(indices);
    const wide = columns > 64;
    const width = wide ? 392 : columns * 12;
    const rowHeight = Math.max(2, Math.min(wide ? 6 : 12, Math.floor(200 / rows)));
    const height = rows * rowHeight;
    const pixels = new ImageData(columns, rows);
    for (let i = 0; i < rows * columns; i++) pixels.data.set([...colours.weight((index[i] + 0.5) / 256), 255], 4 * i);
    const scratch = document.createElement("canvas");
    scratch.width = columns;
    scratch.height = rows;
    scratch.getContext("2d").putImageData(pixels, 0, 0);
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement("canvas");
    canvas.className = "nnbook-fps-matrix";
    canvas.width = Math.round((width + 4) * ratio);
    canvas.height = Math.round((height + 4) * ratio);
    canvas.style.width = `${width + 4}px`;
    canvas.style.height = `${height + 4}px`;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", say(T.matrix_label, { layer, rows, columns, neuron }));
    const context = canvas.getContext("2d");
    context.scale(ratio, ratio);
    // Squeezing 784 columns into fewer pixels mixes neighbouring colours; stretching keeps sharp cells.
    context.imageSmoothingEnabled = width < columns;
    context.drawImage(scratch, 2, 2, width, height);
    context.strokeStyle = colours.highlight;
    context.lineWidth = 2.5;
    context.strokeRect(1, 1 + neuron * rowHeight, width + 2, rowHeight + 2);
    return { canvas, limit, rows, columns };
  }

  // The page's text colour, for labels drawn on canvases (dark in a light theme, light in a dark one).
  const ink = () => getComputedStyle(el).color || "#555";
  const grey = (v) => colours.grey(v);
  const weights = (limit) => (v) => colours.weight((v + limit) / (2 * limit));

  function panel(parent, title, content, note) {
    const box = element("div", "nnbook-fps-panel", parent);
    element("div", "nnbook-fps-panel-title", box, title);
    box.appendChild(content);
    if (note) element("div", "nnbook-fps-panel-note", box, note);
    return box;
  }

  function sign(parent, text) {
    return element("div", "nnbook-fps-sign", parent, text);
  }

  function labelledRows(parent, rows) {
    const grid = element("div", "nnbook-fps-rows", parent);
    for (const [label, content] of rows) {
      element("div", "nnbook-fps-row-label", grid, label);
      const cell = element("div", "", grid);
      cell.appendChild(content);
    }
    return grid;
  }

  function inputName(layer) {
    return layer === 1 ? "a(0)" : `a(${layer - 1})`;
  }

  function drawStage(s, v, layers) {
    stage.replaceChildren();
    const layer = v.layer;
    const n = s.sizes[layer];
    const before = layers[layer - 1];
    const digitNames = s.digits && layer === s.sizes.length - 1 ? [...Array(n).keys()].map(String) : null;
    if (v.kind === "input") {
      const what = s.picture ? T.a0_pixels : say(T.a0_inputs, { n: s.sizes[0] });
      panel(stage, what, s.picture ? picture(before, grey, T.input_image_28)
        : cells(before, grey, T.the_inputs), T.black_white);
      return;
    }
    if (v.kind === "row") {
      const row = floats(v.row);
      const products = before.map((a, i) => a * row[i]);
      const rowLimit = v.row_limit;
      const productLimit = v.product_limit;
      const rowTitle = say(T.row_of_W, { neuron: v.neuron, layer });
      const W = matrix(layer, v.neuron);
      panel(stage, say(T.matrix_title, { layer, rows: W.rows, columns: W.columns, neuron: v.neuron }),
        W.canvas, say(T.colours, { limit: fmt(W.limit) })).classList.add("nnbook-fps-matrix-panel");
      const total = element("div", "nnbook-fps-total");
      element("div", "nnbook-fps-total-label", total, say(T.add_up, { n: before.length }));
      element("div", "nnbook-fps-total-value", total, fmt(v.value));
      if (s.picture && layer === 1) {
        const line = element("div", "nnbook-fps-line", stage);
        panel(line, T.a0_the_pixels, picture(before, grey, T.input_image), T.black_white);
        sign(line, "×");
        panel(line, rowTitle, picture(row, weights(rowLimit), say(T.as_picture, { row: rowTitle })),
          say(T.colours, { limit: fmt(rowLimit) }));
        sign(line, "=");
        panel(line, T.each_pixel, picture(products, weights(productLimit), T.products),
          `(±${fmt(productLimit)})`);
        sign(line, "→");
        line.appendChild(total);
      } else {
        const what = layer === 1 ? T.the_inputs : say(T.activations_of, { layer: layer - 1 });
        labelledRows(stage, [
          [`${inputName(layer)}: ${what}`, cells(before, grey, inputName(layer))],
          [`× ${rowTitle}`, cells(row, weights(rowLimit), rowTitle)],
          [T.each_activation, cells(products, weights(productLimit), T.products)],
        ]);
        stage.appendChild(total);
      }
      return;
    }
    const weighted = floats(v.weighted);
    const z = floats(v.z);
    const bias = floats(v.bias);
    if (v.kind === "bias") {
      const limit = Math.max(largest(weighted), largest(bias), largest(z));
      labelledRows(stage, [
        [say(T.weighted_title, { layer, input: inputName(layer) }), cells(weighted, weights(limit), T.weighted)],
        [say(T.biases_title, { layer }), cells(bias, weights(limit), T.biases)],
        ["= z", cells(z, weights(limit), "z")],
      ]);
      element("div", "nnbook-fps-panel-note", stage, say(T.colours, { limit: fmt(limit) }));
      return;
    }
    const a = layers[layer];
    if (v.kind === "activation") {
      const name = s.functions[layer - 1];
      stage.appendChild(curve(z, a, name));
      labelledRows(stage, [[`a(${layer}) = ${name}(z)`, cells(a, grey, `a(${layer})`, { names: digitNames })]]);
      return;
    }
    // The answer: the outputs, the brightest framed.
    labelledRows(stage, [[say(T.outputs_title, { layer }), cells(a, grey, T.outputs,
      { highlight: v.answer, names: digitNames || [...Array(n).keys()].map(String) })]]);
    const verdict = element("div", "nnbook-fps-answer", stage);
    verdict.dataset.answer = String(v.answer);
    verdict.textContent = say(s.digits ? T.reads : T.brightest, { answer: v.answer });
  }

  // The squishing function with every neuron's z on it: read each activation off the curve.
  function curve(z, a, name) {
    const width = 360;
    const height = 150;
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement("canvas");
    canvas.className = "nnbook-fps-curve";
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", say(T.curve, { name }));
    const context = canvas.getContext("2d");
    context.scale(ratio, ratio);
    const relu = name === "ReLU";
    const reach = niceAbove(Math.max(5, 1.05 * largest(z)));
    const top = relu ? reach : 1; // ReLU(z) = z for z > 0: both axes to the same end
    const x = (value) => 34 + ((value + reach) / (2 * reach)) * (width - 52);
    const y = (value) => height - 22 - (value / top) * (height - 40);
    context.strokeStyle = "#999";
    context.beginPath();
    context.moveTo(x(-reach), y(0));
    context.lineTo(x(reach), y(0));
    context.moveTo(x(0), y(0));
    context.lineTo(x(0), y(top));
    context.stroke();
    context.fillStyle = ink();
    context.font = "11px sans-serif";
    context.textAlign = "center";
    for (const tick of [-reach, 0, reach]) context.fillText(String(tick), x(tick), y(0) + 13);
    context.textAlign = "left";
    context.fillText("z", x(reach) + 6, y(0) + 4);
    context.fillText(`a = ${name}(z)`, x(-reach), y(top) + 4);
    context.textAlign = "right";
    context.fillText(String(top), x(0) - 4, y(top) + 4);
    context.strokeStyle = ink();
    context.lineWidth = 1.5;
    context.beginPath();
    for (let i = 0; i <= 200; i++) {
      const value = -reach + (2 * reach * i) / 200;
      const out = relu ? Math.max(0, value) : 1 / (1 + Math.exp(-value));
      if (i === 0) context.moveTo(x(value), y(out));
      else context.lineTo(x(value), y(out));
    }
    context.stroke();
    context.fillStyle = colours.highlight;
    context.strokeStyle = "#333";
    context.lineWidth = 1;
    for (let i = 0; i < z.length; i++) {
      context.beginPath();
      context.arc(x(z[i]), y(a[i]), 4, 0, 2 * Math.PI);
      context.fill();
      context.stroke();
    }
    return canvas;
  }

  // This layer so far: one line per neuron, its numbers appearing step by step.
  function drawTable(s, v, layers) {
    const layer = v.layer;
    const n = s.sizes[layer];
    const weighted = floats(v.weighted);
    const z = floats(v.z);
    const bias = floats(v.bias);
    const a = layers[layer];
    const biasShown = !Number.isNaN(z[0]);
    const name = s.functions[layer - 1];
    const table = element("table", "nnbook-fps-table");
    element("caption", "", table, say(n === 1 ? T.one_neuron : T.neurons, { name: s.names[layer], n }));
    const head = element("tr", "", element("thead", "", table));
    const output = s.digits && layer === s.sizes.length - 1;
    for (const title of [output ? T.digit : T.neuron, "W a", "+ b", "= z", `a = ${name}(z)`]) {
      element("th", "", head, title);
    }
    const rows = element("tbody", "", table);
    let current = null;
    for (let j = 0; j < n; j++) {
      const row = element("tr", "", rows);
      element("td", "", row, String(j));
      element("td", "nnbook-fps-sum", row, fmt(weighted[j]));
      element("td", "", row, biasShown ? fmt(bias[j]) : "·");
      element("td", "", row, fmt(z[j]));
      const cell = element("td", "nnbook-fps-activation", row);
      if (!Number.isNaN(a[j])) {
        const swatch = element("span", "nnbook-fps-swatch", cell);
        swatch.style.background = css(colours.grey(a[j]));
      }
      cell.appendChild(document.createTextNode(fmt(a[j])));
      if (j === v.neuron || j === v.answer) {
        row.className = "nnbook-fps-current";
        current = row;
      }
    }
    tableBox.replaceChildren(table);
    if (current) {
      const box = tableBox.getBoundingClientRect();
      const line = current.getBoundingClientRect();
      if (line.top < box.top || line.bottom > box.bottom) tableBox.scrollTop += line.top - box.top - box.height / 2;
    }
  }

  // The whole network so far: one column per layer, a cell per neuron, lit once worked out.
  function drawOverview(s, v, layers) {
    const columns = s.sizes.length;
    const gap = 52;
    const height = 190;
    const ratio = window.devicePixelRatio || 1;
    const width = 20 + columns * gap;
    overview.width = width * ratio;
    overview.height = height * ratio;
    overview.style.width = `${width}px`;
    overview.style.height = `${height}px`;
    const context = overview.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.font = "10px sans-serif";
    context.textAlign = "center";
    for (let l = 0; l < columns; l++) {
      const values = layers[l];
      const cx = 10 + l * gap + gap / 2;
      if (l === 0 && s.picture) {
        const image = context.createImageData(28, 28);
        for (let i = 0; i < 784; i++) image.data.set([...colours.grey(values[i]), 255], 4 * i);
        const scratch = document.createElement("canvas");
        scratch.width = scratch.height = 28;
        scratch.getContext("2d").putImageData(image, 0, 0);
        context.imageSmoothingEnabled = false;
        context.drawImage(scratch, cx - 21, 70, 42, 42);
      } else {
        const n = values.length;
        const size = Math.max(2, Math.min(12, Math.floor(160 / n)));
        const top = 10 + (160 - n * size) / 2;
        for (let i = 0; i < n; i++) {
          const y = top + i * size;
          if (Number.isNaN(values[i])) {
            context.strokeStyle = "#bbb";
            context.strokeRect(cx - 6.5, y + 0.5, 12, size - 1);
          } else {
            context.fillStyle = css(colours.grey(values[i]));
            context.fillRect(cx - 7, y, 14, size - 1);
            if (size >= 6) {
              context.strokeStyle = "#ccc";
              context.strokeRect(cx - 6.5, y + 0.5, 13, size - 2);
            }
          }
          if (l === v.layer && (i === v.neuron || i === v.answer)) {
            context.strokeStyle = colours.highlight;
            context.lineWidth = 2.5;
            context.strokeRect(cx - 8, y - 1, 16, size + 1);
            context.lineWidth = 1;
          }
        }
      }
      const here = l === v.layer && v.kind !== "input";
      context.fillStyle = here ? colours.highlight : ink();
      context.font = here ? "bold 10px sans-serif" : "10px sans-serif";
      context.fillText(l === 0 ? "a(0)" : `a(${l})`, cx, height - 6);
    }
    overview.setAttribute("aria-label", T.overview);
  }

  function drawJumps(s, v) {
    if (shownScene !== s) {
      for (const button of jumpButtons) button.remove();
      jumpButtons = s.names.map((name, layer) => {
        const button = element("button", "nnbook-fps-jump", jumps, name);
        button.type = "button";
        button.dataset.layer = String(layer);
        button.addEventListener("click", () => go(layer === 0 ? 0 : s.starts[layer - 1]));
        return button;
      });
      shownScene = s;
    }
    const at = v.kind === "input" ? 0 : v.layer;
    jumpButtons.forEach((button, layer) => button.setAttribute("aria-pressed", String(layer === at)));
  }

  function drawControls() {
    const s = scene();
    const v = view();
    const playing = Boolean(model.get("playing"));
    play.textContent = playing ? T.pause : T.play;
    play.setAttribute("aria-pressed", String(playing));
    const rate = Number(model.get("speed")) || 2;
    speed.value = String(rate);
    speedText.textContent = ` ${say(rate === 1 ? T.one_step_per_second : T.steps_per_second, { rate })}`;
    if (v.step === undefined) return;
    slider.max = String(s.n_steps);
    slider.value = String(v.step);
    counter.textContent = say(T.counter, { step: v.step, n: s.n_steps });
    back.disabled = v.step <= 0;
    forward.disabled = v.step >= s.n_steps;
  }

  function draw() {
    const s = scene();
    const v = view();
    if (!s.sizes || v.step === undefined) return;
    colours = colours || {
      grey: colourMap(model.get("_colours").grey),
      weight: colourMap(model.get("_colours").weight),
      highlight: model.get("_colours").highlight,
    };
    const layers = (v.layers || []).map(floats);
    el.dataset.step = String(v.step);
    el.dataset.kind = v.kind;
    caption.textContent = v.caption;
    drawStage(s, v, layers);
    drawTable(s, v, layers);
    drawOverview(s, v, layers);
    drawJumps(s, v);
    drawControls();
  }

  // ---- a kernel to talk to? ---------------------------------------------------------------------

  let alive = false;
  function onMessage(message) {
    if (message && message.type === "alive") {
      alive = true;
      note.hidden = true;
      el.dataset.live = "true";
    }
  }
  model.on("msg:custom", onMessage);
  try {
    model.send({ type: "hello" });
  } catch (error) {
    // no kernel at all: the timer below shows the note
  }
  const waitForKernel = setTimeout(() => {
    if (!alive) {
      note.hidden = false;
      el.dataset.live = "false";
    }
  }, STATIC_AFTER_MS);

  model.on("change:_view", draw);
  model.on("change:_scene", draw);
  model.on("change:playing", restartTimer);
  model.on("change:speed", restartTimer);
  draw();
  restartTimer();
  return () => {
    clearTimeout(timer);
    clearTimeout(waitForKernel);
    model.off("msg:custom", onMessage);
    model.off("change:_view", draw);
    model.off("change:_scene", draw);
    model.off("change:playing", restartTimer);
    model.off("change:speed", restartTimer);
  };
}

export default { render };
