// Shared pieces of the portal's browser tests: a `gpaikit serve` on a copy of an example, Debian's
// chromium driven by playwright-core, axe-core's accessibility check, and screenshots as artefacts.
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..", "..");

function loadPlaywright() {
  try {
    return require("playwright-core");
  } catch (error) {
    throw new Error(`tests/browser: playwright-core is not installed (${error.message}); ` +
                    "run scripts/install-deps, which runs `npm ci` in tests/browser");
  }
}

export function gpaikitBinary() {
  const binary = process.env.GPAIKIT;
  if (!binary) throw new Error("set GPAIKIT to the gpaikit binary (ctest does)");
  return binary;
}

// Where screenshots go: $GPAIKIT_ARTIFACTS (ctest sets build/browser-artifacts), else a temp dir.
export function artifactDir() {
  const dir = process.env.GPAIKIT_ARTIFACTS || path.join(tmpdir(), "gpaikit-browser-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}

// `gpaikit serve --port 0` on a fresh copy of examples/NAME; resolves once it prints its URL.
export async function startServer(exampleName, extraArgs = []) {
  const work = mkdtempSync(path.join(tmpdir(), "gpaikit-browser-"));
  const project = path.join(work, exampleName);
  cpSync(path.join(repoRoot, "examples", exampleName), project, { recursive: true });
  const child = spawn(gpaikitBinary(), ["serve", "-C", project, "--port", "0", ...extraArgs],
                      { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/^listening on (http:\/\/\S+)\n/);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
  return {
    url, project, child,
    gpaikit: (...args) => execFileSync(gpaikitBinary(), args, { encoding: "utf8" }),
    async stop() {
      const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      const code = await exited;
      rmSync(work, { recursive: true, force: true });
      return code;
    },
  };
}

// Debian's chromium, headless, with the flags this closed network needs (no background traffic).
export async function launchBrowser() {
  const { chromium } = loadPlaywright();
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

// A page that records console errors and CSP refusals, which a test then expects to be empty.
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (message) => {
    // "Failed to load resource" repeats a failed response, which the listener below names.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      page.problems.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => page.problems.push(`page error: ${error.message}`));
  // Every failed subresource, by URL (the document's own status is the test's to check).
  page.on("response", (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== "document") {
      page.problems.push(`${response.status()} for ${response.url()}`);
    }
  });
  return page;
}

// axe-core's findings of impact serious or critical on the page as it is now. The script is
// evaluated through the DevTools protocol, which the page's CSP (no script at all) does not govern.
const axeSource = () => readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export async function seriousAccessibilityViolations(page) {
  await page.evaluate(axeSource());
  const results = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  }));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function screenshot(page, name) {
  const file = path.join(artifactDir(), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Presses Tab until `selector` has the focus (at most `limit` times) and checks that the focus is
// visible (an outline); fails the test when Tab never reaches it.
export async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate((sel) => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { match: el.matches(sel), outline: style.outlineStyle,
               width: parseFloat(style.outlineWidth) };
    }, selector);
    if (state.match) {
      assert.ok(state.outline !== "none" && state.width > 0, `focus on ${selector} is visible`);
      return;
    }
  }
  assert.fail(`Tab never reached ${selector}`);
}

// Adds staff account `name` with `password` to the served project (`gpaikit serve user add`, the
// password from a private scratch file).
export function addStaffUser(server, name, password) {
  const dir = mkdtempSync(path.join(tmpdir(), "gpaikit-browser-user-"));
  const file = path.join(dir, "password");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  try {
    server.gpaikit("serve", "user", "add", name, "--role", "staff", "--password-file", file,
                   "-C", server.project, "--author", "browser-test");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
