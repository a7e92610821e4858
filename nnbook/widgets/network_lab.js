// NetworkLab's note for saved notebooks: the lab's controls need a kernel, and a web page of a
// saved notebook has none. The note stays hidden while a kernel answers the hello below.

const WAIT_MS = 2000; // no answer by then: a saved notebook, say so

function render({ model, el }) {
  el.classList.add("nnbook-lab-static-note");
  el.textContent = model.get("text");
  el.style.display = "none";
  el.style.fontFamily = "var(--jp-ui-font-family, system-ui, sans-serif)";
  el.style.fontSize = "12px";
  el.style.color = "var(--jp-ui-font-color2, #555)";

  let alive = false;
  function onMessage(message) {
    if (message && message.type === "alive") {
      alive = true;
      el.style.display = "none";
      el.dataset.live = "true";
    }
  }
  model.on("msg:custom", onMessage);
  try {
    model.send({ type: "hello" });
  } catch (error) {
    // no kernel at all: the timer below shows the note
  }
  const timer = setTimeout(() => {
    if (!alive) {
      el.style.display = "block";
      el.dataset.live = "false";
    }
  }, WAIT_MS);
  return () => {
    clearTimeout(timer);
    model.off("msg:custom", onMessage);
  };
}

export default { render };
