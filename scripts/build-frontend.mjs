// Builds the portal's CSS from NHS.UK frontend's Sass and copies its JS bundle into static/build/.
// The dist CSS cannot be served as it is: its asset paths are absolute (/assets/) and it loads
// Frutiger from an NHS host; compiling the Sass with our own settings fixes both.
import { mkdir, copyFile, writeFile } from "node:fs/promises";
import * as sass from "sass";

const dist = "node_modules/nhsuk-frontend/dist/nhsuk";
const out = "static/build";

await mkdir(`${out}/css`, { recursive: true });
await mkdir(`${out}/js`, { recursive: true });

const { css } = sass.compile("scss/main.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  sourceMap: false,
  quietDeps: true,
  silenceDeprecations: ["import"],
});
await writeFile(`${out}/css/main.css`, css);

// The bundle names its source map, and compressed manifest storage needs the map beside it.
for (const name of ["nhsuk-frontend.min.js", "nhsuk-frontend.min.js.map"]) {
  await copyFile(`${dist}/${name}`, `${out}/js/${name}`);
}
console.log(`built ${out}/css/main.css (${css.length} bytes) and copied the NHS.UK frontend bundle`);
