// The e2e tests drive Debian's Chromium; on a fresh Debian machine (as root) this installs it,
// so that `npm test` needs nothing installed by hand. Playwright never downloads its own browser.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const browser = process.env.CHROME_PATH || "/usr/bin/chromium";
if (!existsSync(browser)) {
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(`Chromium not found at ${browser}. Install it (Debian: apt-get install chromium) or set CHROME_PATH.`);
    process.exit(1);
  }
  console.log("Installing Debian's Chromium for the end-to-end tests…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}
