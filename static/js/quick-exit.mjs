// Quick exit for the domestic abuse support pages, after the GOV.UK "Exit this page" pattern.
// Without JavaScript the button is a plain link to a neutral site. With it, leaving replaces this
// page in the browser's history (so Back does not return here), the page is hidden at once, and
// pressing Shift three times within a few seconds leaves from anywhere on the page.
const PRESSES_TO_EXIT = 3;
const PRESS_WINDOW_MS = 5000;

function initQuickExit(container) {
  const button = container.querySelector(".app-quick-exit__button");
  const hint = container.querySelector("[data-quick-exit-hint]");
  const status = container.querySelector("[data-quick-exit-status]");
  if (!button) return;

  const exitUrl = button.href;
  let presses = 0;
  let timer = null;

  const reset = () => {
    presses = 0;
    window.clearTimeout(timer);
    timer = null;
  };

  const leave = () => {
    document.body.classList.add("app-quick-exit-leaving");
    document.title = "Exiting page";
    window.location.replace(exitUrl);
  };

  button.addEventListener("click", (event) => {
    event.preventDefault();
    leave();
  });

  // Shift held with another key (a capital letter) is typing, not the shortcut.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Shift") reset();
  });
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") return;
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      reset();
      if (status) status.textContent = "Exit this page expired.";
    }, PRESS_WINDOW_MS);
    if (presses >= PRESSES_TO_EXIT) {
      if (status) status.textContent = "Exiting page.";
      leave();
    } else if (status) {
      const left = PRESSES_TO_EXIT - presses;
      status.textContent = `Shift, press ${left} more time${left === 1 ? "" : "s"} to exit.`;
    }
  });

  if (hint) hint.hidden = false;
}

document.querySelectorAll('[data-module="app-quick-exit"]').forEach(initQuickExit);
