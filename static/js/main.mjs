// Starts NHS.UK frontend's components. Loaded as a module from a static file because the
// Content Security Policy forbids inline script.
import { initAll } from "../build/js/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
