/** What the person chose; "system" follows the operating system's setting. */
export type ThemePreference = "system" | "light" | "dark";

export const THEME_STORAGE_KEY = "taskgate-theme";

/** The order the toggle steps through. */
export const THEME_CYCLE: readonly ThemePreference[] = ["system", "light", "dark"];

export function parseThemePreference(value: string | null | undefined): ThemePreference {
  return value === "light" || value === "dark" ? value : "system";
}

export function nextThemePreference(current: ThemePreference): ThemePreference {
  const index = THEME_CYCLE.indexOf(current);
  return THEME_CYCLE[(index + 1) % THEME_CYCLE.length] ?? "system";
}

/** The theme to paint for a preference, given whether the system prefers dark. */
export function resolveTheme(preference: ThemePreference, systemDark: boolean): "light" | "dark" {
  if (preference === "system") return systemDark ? "dark" : "light";
  return preference;
}

/**
 * Runs in <head> before the body is painted (so no flash of the wrong theme),
 * carrying the request's CSP nonce. Kept tiny and self-contained: it is sent
 * inline with every page. It also follows later system changes while the
 * preference is "system".
 */
export const THEME_INIT_SCRIPT = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)},d=document.documentElement,m=matchMedia("(prefers-color-scheme: dark)");function a(){var p=localStorage.getItem(k);var t=p==="light"||p==="dark"?p:m.matches?"dark":"light";d.dataset.theme=t;d.dataset.themePreference=p==="light"||p==="dark"?p:"system";}a();m.addEventListener("change",a);window.addEventListener("storage",function(e){if(e.key===k)a();});}catch(e){}})();`;
