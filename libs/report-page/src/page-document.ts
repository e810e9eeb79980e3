import { readPageFile } from './page-assets';

/** Where the API serves the static files. */
export const PAGE_ASSET_PREFIX = '/page/';

/**
 * The page's data when it is inlined: a model over a range (`driftwatch report`) or a compare
 * report (`driftwatch compare --format html`). page.mjs reads it instead of fetching.
 */
export type InlinedPageData = ({ view: 'model' } & Record<string, unknown>) | { view: 'compare'; report: unknown };

/**
 * The served page: the static files by URL; the script fetches the JSON API. `tokenRequired`
 * (DRIFTWATCH_API_TOKENS set) lets the script ask for a token before its first request instead
 * of after a 401.
 */
export function servedPageHtml(tokenRequired: boolean): string {
  return fill(
    `<meta name="driftwatch-auth" content="${tokenRequired ? 'token' : 'none'}">\n<link rel="stylesheet" href="${PAGE_ASSET_PREFIX}page.css">`,
    `<script src="${PAGE_ASSET_PREFIX}chart.umd.min.js"></script>\n<script type="module" src="${PAGE_ASSET_PREFIX}page.mjs"></script>`,
  );
}

/**
 * One self-contained HTML file: styles, Chart.js, the page's module and `data` inlined, so it
 * opens from disk (file://) without a server or a network.
 */
export function selfContainedHtml(data: InlinedPageData & { generatedAt?: string }, title: string): string {
  return fill(
    `<style>\n${readPageFile('page.css')}\n</style>`,
    [
      `<script id="driftwatch-data" type="application/json">${jsonForScript({ generatedAt: new Date().toISOString(), ...data })}</script>`,
      `<script>\n${scriptText(readPageFile('chart.umd.min.js'))}\n</script>`,
      `<script type="module">\n${scriptText(readPageFile('page.mjs'))}\n</script>`,
    ].join('\n'),
  ).replace('<title>Driftwatch</title>', `<title>${escapeHtml(title)}</title>`);
}

function fill(head: string, body: string): string {
  // Functions as replacements: `$` in the inlined code must not be read as a pattern.
  return readPageFile('page.html')
    .replace('<!--driftwatch:head-->', () => head)
    .replace('<!--driftwatch:body-->', () => body);
}

/**
 * JSON safe inside <script>: `<` escaped, so no string in the data (a feature name, an incident
 * message) can close the element; U+2028/9 escaped for older parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Code inlined in <script>: a `</script` inside it (in a string or a comment) would end the element. */
function scriptText(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
